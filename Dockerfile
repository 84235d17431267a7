# pmcheck GitHub Action: a container action. No USER or WORKDIR: GitHub runs the container as
# root with the workspace mounted and the working directory set to GITHUB_WORKSPACE.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

COPY pyproject.toml README.md /app/
COPY src /app/src
COPY entrypoint.py /app/entrypoint.py

RUN pip install --no-cache-dir /app

ENTRYPOINT ["python", "/app/entrypoint.py"]
