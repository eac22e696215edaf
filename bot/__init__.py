"""Telegram bot for Vietnam's Lifelong Learning Week (Tuần lễ hưởng ứng học tập suốt đời)."""
