"""The GitHub Action: settings from INPUT_* env, pure mode choice, orchestration in main."""
