"""The only package importing PyGithub: client, review, sticky comments, (follow-up) issues."""
