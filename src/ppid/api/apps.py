from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ppid.api"
    label = "ppid_api"
