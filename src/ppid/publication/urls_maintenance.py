"""URL patterns of this part of publication (aggregated by urls.py and public_urls.py)."""

workspace: list = []  # under /ruang-kerja/publikasi/
portal: list = []  # at the site root
