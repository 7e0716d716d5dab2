"""Feedback from the people who use the dashboard: stored locally, read only by the team.

`store` keeps the answers in a small SQLite file on the server (where it lives, how to switch it
off, when the instance counts as read-only); `limits` decides how often one session may answer;
`python -m feedback export --out FILE.csv` writes every answer for Excel. Nothing here imports
Streamlit: the form is `ui/feedback.py`, the summary page `pages/feedback_summary.py`.
"""
