"""Placeholder: replaced by the real views."""

from django.http import HttpResponse


def request_list(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_new(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_detail(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_forward(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_extend(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_decide(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_complete(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_withdraw(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_message(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_erase(request, *args, **kwargs):
    return HttpResponse(status=501)


def receipt_pdf(request, *args, **kwargs):
    return HttpResponse(status=501)


def notice_pdf(request, *args, **kwargs):
    return HttpResponse(status=501)


def personal_file(request, *args, **kwargs):
    return HttpResponse(status=501)


def objection_new(request, *args, **kwargs):
    return HttpResponse(status=501)


def objection_list(request, *args, **kwargs):
    return HttpResponse(status=501)


def objection_detail(request, *args, **kwargs):
    return HttpResponse(status=501)


def objection_answer(request, *args, **kwargs):
    return HttpResponse(status=501)


def answer_pdf(request, *args, **kwargs):
    return HttpResponse(status=501)


def power_of_attorney(request, *args, **kwargs):
    return HttpResponse(status=501)


def dispute_edit(request, *args, **kwargs):
    return HttpResponse(status=501)


def dispute_document(request, *args, **kwargs):
    return HttpResponse(status=501)


def request_register(request, *args, **kwargs):
    return HttpResponse(status=501)


def objection_register(request, *args, **kwargs):
    return HttpResponse(status=501)


def report(request, *args, **kwargs):
    return HttpResponse(status=501)
