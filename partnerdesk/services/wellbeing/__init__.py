"""wellbeing"""
