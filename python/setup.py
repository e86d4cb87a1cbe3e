"""Builds the engine jar with Maven when it is missing, so `pip install ./python` works from a clone.

The jar (the engine, the Arrow module and the Python bridge, shaded into one) goes into
src/tealdb/_jars/ and ships as package data; a wheel built here bundles it.
"""

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
JAR = HERE / "src" / "tealdb" / "_jars" / "tealdb-python.jar"


class BuildWithJar(build_py):
    def run(self):
        if not JAR.exists():
            root = HERE.parent
            if not (root / "pom.xml").exists():
                raise SystemExit(f"tealdb: {JAR} is missing and there is no Maven project at {root} to build it from")
            mvn = shutil.which("mvn")
            if mvn is None:
                raise SystemExit("tealdb: building the engine jar needs Maven (mvn) and a JDK >= 21")
            # tests are not even compiled here (as ./teal does); -am builds the engine and Arrow modules too
            subprocess.check_call([mvn, "-B", "-q", "-Dmaven.test.skip=true", "-pl", "python", "-am", "package"], cwd=root)
            if not JAR.exists():
                raise SystemExit(f"tealdb: the Maven build did not produce {JAR}")
        super().run()


setup(cmdclass={"build_py": BuildWithJar})
