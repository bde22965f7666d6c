from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """Which index an entry belongs to. The public index only ever holds public items."""

    PUBLIC = "public", _("Public (portal)")
    STAFF = "staff", _("Staff (workspace)")


# Weights of the parts of an item in the ranking: title, summary, text of the documents.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Common Indonesian function words. Dropped from plain query words (they would match almost
# everything), kept inside quoted phrases, where word order needs them.
STOP_WORDS = frozenset(
    """
    ada adalah adanya agar akan akan antara apa apabila atas atau bagi bahwa baik banyak
    beberapa belum berbagai bila bisa boleh dalam dan dapat dari daripada demikian dengan di
    dia ia ini itu jika juga kami kamu kalau karena ke kepada ketika kita lagi lain maka masih
    mereka namun oleh pada para per pula saat saja sama sampai sangat secara sebagai sebelum
    sedang sehingga sejak sekarang serta setelah setiap sudah supaya tanpa telah tentang
    terhadap tersebut tetapi untuk yaitu yakni yang
    """.split()
)
