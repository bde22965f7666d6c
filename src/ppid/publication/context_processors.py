"""Portal context: the serta merta banner (ppid.publication.announcements)."""

from django.utils.functional import SimpleLazyObject


def announcements(request):
    """The active announcements, read only when a page shows the banner (portal pages).

    Never cached: an announcement appears on every portal page the moment it is announced and
    disappears the moment it is ended.
    """

    def active():
        from ppid.publication.announcements import active_announcements

        return list(active_announcements())

    return {"serta_merta_banner": SimpleLazyObject(active)}
