"""One cog per feature, each loaded as an extension by ``StoryBot.setup_hook``."""
