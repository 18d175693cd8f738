"""Story files in, parsed stories out."""

from retrieval.corpus.loader import CorpusLoad, load_corpus, load_story, parse_story_bytes, story_files
from retrieval.corpus.model import Comment, Kind, Paragraph, Story

__all__ = [
    "Comment",
    "CorpusLoad",
    "Kind",
    "Paragraph",
    "Story",
    "load_corpus",
    "load_story",
    "parse_story_bytes",
    "story_files",
]
