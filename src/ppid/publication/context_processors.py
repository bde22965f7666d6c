"""Portal context: the serta merta banner (ppid.publication.announcements)."""


def announcements(request):
    return {}
