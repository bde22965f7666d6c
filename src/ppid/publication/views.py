"""The publication dashboard: one page that leads to editions, announcements, stale berkala
items, channels, the Pusat Data and site maintenance."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
@login_required
def dashboard(request):
    return render(request, "publication/dashboard.html", {})
