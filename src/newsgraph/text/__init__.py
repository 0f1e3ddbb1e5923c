"""Text stages: sentence segmentation, voice, time expressions and numbers."""
