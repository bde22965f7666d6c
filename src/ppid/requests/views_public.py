"""Placeholder: replaced by the real views."""

from django.http import HttpResponse


def request_form(request, *args, **kwargs):
    return HttpResponse(status=501)


def received(request, *args, **kwargs):
    return HttpResponse(status=501)


def track(request, *args, **kwargs):
    return HttpResponse(status=501)


def status(request, *args, **kwargs):
    return HttpResponse(status=501)


def receipt_pdf(request, *args, **kwargs):
    return HttpResponse(status=501)


def notice_pdf(request, *args, **kwargs):
    return HttpResponse(status=501)


def given_file(request, *args, **kwargs):
    return HttpResponse(status=501)


def objection_form(request, *args, **kwargs):
    return HttpResponse(status=501)


def answer_pdf(request, *args, **kwargs):
    return HttpResponse(status=501)


def statistics(request, *args, **kwargs):
    return HttpResponse(status=501)
