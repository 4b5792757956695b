"""Stage 4, render: pages (Markdown for any static site generator) and feeds (iCalendar)."""
