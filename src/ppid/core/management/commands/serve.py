"""Run the product: a production WSGI server (waitress), the background task worker and the
scheduler of periodic jobs (ppid.core.schedule)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from ppid.conf import env
from ppid.core import schedule


class Command(BaseCommand):
    help = ("Serve PPID on HOST:PORT with its task worker and scheduler; stops cleanly on "
            "Ctrl-C or SIGTERM.")

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("PPID_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PPID_PORT", "8000")))
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the background task worker.")
        parser.add_argument("--no-scheduler", action="store_true",
                            help="Do not enqueue periodic jobs (when cron runs "
                                 "`ppid run_scheduled` instead).")
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, host, port, threads, no_worker, no_scheduler, no_migrate,
               **options):
        from waitress import create_server

        from ppid.wsgi import application

        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        from ppid.search.services import index_missing  # items from before the index existed

        missing = index_missing()
        if missing:
            self.stdout.write(f"Indexed {missing} items for search.")
        stopping = threading.Event()
        worker = None if no_worker else WorkerProcess(self.stdout)
        if worker:
            worker.start()
            self.stdout.write(f"Task worker started (pid {worker.process.pid}).")
        scheduler = None if no_scheduler else schedule.SchedulerThread(
            on_enqueue=lambda name: self.stdout.write(f"Scheduled job enqueued: {name}."))
        if scheduler:
            scheduler.start()
        proxy = env("PPID_TRUSTED_PROXY")
        trusted = {"trusted_proxy": proxy, "trusted_proxy_headers": {
            "x-forwarded-for", "x-forwarded-proto"}} if proxy else {}
        server = create_server(application, host=host, port=port, threads=threads,
                               ident="ppid", clear_untrusted_proxy_headers=True, **trusted)

        def stop(signum, frame):
            if stopping.is_set():
                return
            stopping.set()
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(self.style.SUCCESS(
            f"PPID is running on http://{host}:{port}/  (data: {settings.DATA_DIR}; "
            "Ctrl-C to stop)"
        ))
        try:
            server.run()
        except SystemExit:
            pass
        finally:
            self.stdout.write("Stopping…")
            server.close()
            if scheduler:
                scheduler.stop()
            if worker:
                worker.stop()
            self.stdout.write("Stopped.")


class WorkerProcess:
    """The django-tasks database worker as a child process, restarted if it dies."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._watch = threading.Thread(target=self._keep_alive, daemon=True)

    def _spawn(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "ppid", "db_worker", "--interval", "2", "--no-startup-delay"],
            env=os.environ.copy(),
            start_new_session=True,  # Ctrl-C reaches us only; we stop the worker ourselves.
        )

    def start(self) -> None:
        self.process = self._spawn()
        self._watch.start()

    def _keep_alive(self) -> None:
        while not self._stopping.is_set():
            if self.process.poll() is not None and not self._stopping.is_set():
                self.stdout.write("Task worker exited; restarting it.")
                self.process = self._spawn()
            self._stopping.wait(2)

    def stop(self) -> None:
        self._stopping.set()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
