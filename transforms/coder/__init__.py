from .coder import EventCoder

__all__ = ["EventCoder"]
