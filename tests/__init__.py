"""storybot's tests: unit/, bot/ (SimCord), integration/ (real servers on 127.0.0.1), quality/; helpers in
support/, fixtures shared by all in conftest.py."""
