"""A local fake CKAN portal for tests: the Action API calls the push uses, in memory.

    with FakeCkan(organizations=["diskominfo"], tokens={"tok": ["diskominfo"]}) as ckan:
        portal.url = ckan.url
        ...
        ckan.fail_next(2)        # the next 2 calls answer HTTP 500 (Internal Server Error)
        ckan.hang_next(1, 2.0)   # the next call answers only after 2 seconds (a timeout)

Behaves like CKAN 2.9 - 2.11 where the push depends on it (ckan/views/api.py, ckan/logic):
POST (or GET for show actions) /api/3/action/<action>, JSON answers {help, success,
result | error}; NotAuthorized -> 403 "Authorization Error", NotFound -> 404 "Not Found Error",
ValidationError -> 409 "Validation Error" with field errors, unknown action -> 400 with a JSON
string. An unknown token counts as anonymous (reads work, writes are refused); only editors of
an organization may create datasets in it. Names are validated like CKAN's name_validator and
package_name_validator. package_delete only marks a dataset deleted; package_show still shows
it to editors. Response shapes follow the recorded responses in ckan_responses/.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

RESPONSES = Path(__file__).parent / "ckan_responses"
NAME_MATCH = re.compile(r"^[a-z0-9_\-]*$")
TAG_MATCH = re.compile(r"^[\w \-.]*$", re.UNICODE)
CORE_FIELDS = {"id", "name", "title", "notes", "owner_org", "license_id", "url", "author",
               "author_email", "maintainer", "maintainer_email", "private", "state", "type",
               "version", "tags", "extras", "resources", "groups"}
LICENSES = {"cc-by": ("Creative Commons Attribution",
                      "http://www.opendefinition.org/licenses/cc-by"),
            "cc-by-sa": ("Creative Commons Attribution Share-Alike",
                         "http://www.opendefinition.org/licenses/cc-by-sa"),
            "cc-zero": ("Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero"),
            "odc-by": ("Open Data Commons Attribution License",
                       "http://www.opendefinition.org/licenses/odc-by"),
            "other-open": ("Other (Open)", ""),
            "notspecified": ("License not specified", "")}


def recorded(name: str) -> dict:
    """A recorded response: {"status": int, "body": ... } (or "text" for non-JSON answers)."""
    return json.loads((RESPONSES / f"{name}.json").read_text())


def _template(name: str):
    return recorded(name)["body"]["result"]


class _Error(Exception):
    def __init__(self, status: int, error):
        super().__init__(str(error))
        self.status = status
        self.error = error


def _not_found(message="Not found"):
    return _Error(404, {"__type": "Not Found Error", "message": message})


def _denied(message):
    return _Error(403, {"__type": "Authorization Error", "message": f"Access denied: {message}"})


def _invalid(errors: dict):
    return _Error(409, {"__type": "Validation Error", **errors})


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat()


class FakeCkan:
    """A threaded HTTP server on 127.0.0.1 with an ephemeral port."""

    def __init__(self, *, organizations=("diskominfo",), tokens=None):
        self.organizations: dict[str, dict] = {}
        org_template = _template("organization_show")
        for name in organizations:
            org = copy.deepcopy(org_template)
            org.update(id=str(uuid.uuid4()), name=name, title=name.replace("-", " ").title(),
                       display_name=name.replace("-", " ").title(), package_count=0)
            self.organizations[name] = org
        # token -> organization names where its user is an editor
        self.tokens: dict[str, list[str]] = dict(tokens or {"secret-token": list(organizations)})
        self.datasets: dict[str, dict] = {}  # name -> dataset
        self.calls: list[dict] = []
        self._fail = 0
        self._fail_status = 500
        self._hang = 0
        self._hang_seconds = 0.0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeCkan:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                fake._handle(self)

            def do_GET(self):  # noqa: N802
                fake._handle(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeCkan:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- knobs ------------------------------------------------------------------------------

    def fail_next(self, count: int, status: int = 500) -> None:
        """The next `count` calls answer `status` (500: CKAN's Internal Server Error)."""
        with self._lock:
            self._fail, self._fail_status = count, status

    def hang_next(self, count: int, seconds: float) -> None:
        """The next `count` calls wait `seconds` before answering (to test timeouts)."""
        with self._lock:
            self._hang, self._hang_seconds = count, seconds

    def actions(self) -> list[str]:
        return [call["action"] for call in self.calls]

    def active(self, name: str) -> dict | None:
        dataset = self.datasets.get(name)
        return dataset if dataset and dataset["state"] == "active" else None

    # -- HTTP -------------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        match = re.fullmatch(r"/api/(?:3/)?action/([a-z_]+)", parts.path)
        if match is None:
            self._send(handler, 404, "text/html", b"<html><body>404 Not Found</body></html>")
            return
        action = match.group(1)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        token = handler.headers.get("Authorization", "")
        with self._lock:
            hang = self._hang > 0
            if hang:
                self._hang -= 1
            fail = self._fail > 0
            if fail:
                self._fail -= 1
        try:
            data = json.loads(raw) if raw else dict(parse_qsl(parts.query))
        except ValueError:
            data = None
        self.calls.append({"action": action, "data": data, "authorization": token,
                           "user_agent": handler.headers.get("User-Agent", ""),
                           "method": handler.command})
        if hang:
            time.sleep(self._hang_seconds)
        body = {"help": f"{self.url}/api/3/action/help_show?name={action}"}
        if fail:
            if self._fail_status == 500:
                body.update(success=False, error={"__type": "Internal Server Error",
                                                  "message": "Internal Server Error"})
                self._json(handler, 500, body)
            else:
                self._send(handler, self._fail_status, "text/html",
                           f"<html><body>{self._fail_status}</body></html>".encode())
            return
        method = getattr(self, f"_action_{action}", None)
        if method is None:
            self._json(handler, 400, f"Bad request - Action name not known: {action}")
            return
        if not isinstance(data, dict):
            self._json(handler, 400, "Bad request - JSON Error: could not decode the body")
            return
        user_orgs = self.tokens.get(token) if token else None
        try:
            with self._lock:
                result = method(data, user_orgs)
        except _Error as error:
            body.update(success=False, error=error.error)
            self._json(handler, error.status, body)
            return
        body.update(success=True, result=result)
        self._json(handler, 200, body)

    def _json(self, handler, status: int, body) -> None:
        self._send(handler, status, "application/json;charset=utf-8", json.dumps(body).encode())

    @staticmethod
    def _send(handler, status: int, content_type: str, payload: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    # -- actions ----------------------------------------------------------------------------

    def _org(self, ref) -> dict | None:
        for org in self.organizations.values():
            if ref in (org["id"], org["name"]):
                return org
        return None

    def _find(self, ref) -> dict | None:
        if ref in self.datasets:
            return self.datasets[ref]
        for dataset in self.datasets.values():
            if dataset["id"] == ref:
                return dataset
        return None

    @staticmethod
    def _editor(user_orgs, org) -> bool:
        return user_orgs is not None and org is not None and org["name"] in user_orgs

    def _action_organization_show(self, data, user_orgs):
        org = self._org(data.get("id"))
        if org is None:
            raise _not_found()
        result = copy.deepcopy(org)
        result["package_count"] = sum(1 for d in self.datasets.values()
                                      if d["owner_org"] == org["id"] and d["state"] == "active")
        return result

    def _action_organization_list_for_user(self, data, user_orgs):
        out = []
        for name in user_orgs or []:
            org = copy.deepcopy(self.organizations[name])
            org.pop("num_followers", None)
            org["capacity"] = "editor"
            out.append(org)
        return out

    def _action_package_show(self, data, user_orgs):
        dataset = self._find(data.get("id") or data.get("name_or_id"))
        if dataset is None:
            raise _not_found()
        org = self._org(dataset["owner_org"])
        if dataset["state"] != "active" and not self._editor(user_orgs, org):
            raise _denied(f"User  not authorized to read package {dataset['id']}")
        return copy.deepcopy(dataset)

    def _action_package_create(self, data, user_orgs):
        if user_orgs is None:
            raise _denied("User  not authorized to create packages")
        errors = self._validate(data, None, user_orgs)
        if errors:
            raise _invalid(errors)
        existing = self.datasets.get(data["name"])
        if existing is not None:  # only a deleted one (else "already in use"): replaced
            del self.datasets[data["name"]]
        dataset = self._save(data, None)
        return copy.deepcopy(dataset)

    def _action_package_update(self, data, user_orgs):
        dataset = self._find(data.get("id") or data.get("name"))
        if dataset is None:
            raise _not_found("Not found: Dataset was not found")
        if not self._editor(user_orgs, self._org(dataset["owner_org"])):
            raise _denied(f"User  not authorized to edit package {dataset['id']}")
        errors = self._validate(data, dataset, user_orgs)
        if errors:
            raise _invalid(errors)
        return copy.deepcopy(self._save(data, dataset))

    def _action_package_patch(self, data, user_orgs):
        dataset = self._find(data.get("id") or data.get("name"))
        if dataset is None:
            raise _not_found("Not found: Dataset was not found")
        merged = copy.deepcopy(dataset)
        merged.update(data)
        return self._action_package_update(merged, user_orgs)

    def _action_package_delete(self, data, user_orgs):
        dataset = self._find(data.get("id"))
        if dataset is None:
            raise _not_found("Not found: Dataset was not found")
        if not self._editor(user_orgs, self._org(dataset["owner_org"])):
            raise _denied(f"User  not authorized to delete package {dataset['id']}")
        dataset["state"] = "deleted"
        dataset["metadata_modified"] = _now()
        return None

    # -- validation and saving (as ckan.logic.validators) ------------------------------------

    def _validate(self, data, dataset, user_orgs) -> dict:
        errors: dict[str, list] = {}
        name = data.get("name")
        if not isinstance(name, str) or not name:
            errors["name"] = ["Missing value"]
        elif name in ("new", "edit", "search"):
            errors["name"] = ["That name cannot be used"]
        elif len(name) < 2:
            errors["name"] = ["Must be at least 2 characters long"]
        elif len(name) > 100:
            errors["name"] = ["Name must be a maximum of 100 characters long"]
        elif not NAME_MATCH.match(name):
            errors["name"] = ["Must be purely lowercase alphanumeric (ascii) characters and "
                              "these symbols: -_"]
        else:
            other = self.datasets.get(name)
            if other is not None and other is not dataset and other["state"] != "deleted":
                errors["name"] = ["That URL is already in use."]
        org = self._org(data.get("owner_org"))
        if not data.get("owner_org"):
            errors["owner_org"] = ["An organization must be provided"]
        elif org is None:
            errors["owner_org"] = ["Organization does not exist"]
        elif not self._editor(user_orgs, org):
            errors["owner_org"] = ["You cannot add a dataset to this organization"]
        for tag in data.get("tags") or []:
            tag_name = tag.get("name", "") if isinstance(tag, dict) else ""
            if not 2 <= len(tag_name) <= 100:
                errors.setdefault("tags", []).append(
                    f'Tag "{tag_name}" length is less than minimum 2')
            elif not TAG_MATCH.match(tag_name):
                errors.setdefault("tags", []).append(
                    f'Tag "{tag_name}" must be alphanumeric characters or symbols: -_.')
        for extra in data.get("extras") or []:
            if extra.get("key") in CORE_FIELDS:
                errors.setdefault("extras_validation", []).append(
                    "There is a schema field with the same name")
        resource_errors = []
        for resource in data.get("resources") or []:
            problem = {}
            if not isinstance(resource, dict):
                problem = {"url": ["Missing value"]}
            elif resource.get("size") not in (None, "") and not str(resource["size"]).isdigit():
                problem = {"size": ["Invalid integer"]}
            resource_errors.append(problem)
        if any(resource_errors):
            errors["resources"] = resource_errors
        return errors

    def _save(self, data, dataset) -> dict:
        now = _now()
        template = _template("package_show")
        org = self._org(data["owner_org"])
        if dataset is None:
            dataset = copy.deepcopy(template)
            dataset.update(id=str(uuid.uuid4()), metadata_created=now,
                           creator_user_id=str(uuid.uuid4()))
        old_resources = {r["id"]: r for r in dataset.get("resources") or []}
        for field in ("title", "notes", "license_id", "url", "author", "author_email",
                      "maintainer", "maintainer_email", "version"):
            dataset[field] = data.get(field)
        dataset["name"] = data["name"]
        dataset["title"] = data.get("title") or data["name"]
        dataset["private"] = bool(data.get("private", False))
        dataset["state"] = data.get("state") or "active"
        dataset["type"] = data.get("type") or "dataset"
        dataset["owner_org"] = org["id"]
        dataset["organization"] = {k: org[k] for k in template["organization"] if k in org}
        title, url = LICENSES.get(dataset["license_id"] or "", (dataset["license_id"], ""))
        dataset["license_title"], dataset["license_url"] = title, url
        dataset["isopen"] = dataset["license_id"] in LICENSES and dataset["license_id"] not in (
            "notspecified",)
        dataset["extras"] = [{"key": e["key"], "value": str(e.get("value", ""))}
                             for e in data.get("extras") or []]
        tag_template = template["tags"][0]
        dataset["tags"] = [{**tag_template, "id": str(uuid.uuid4()), "name": t["name"],
                            "display_name": t["name"]} for t in data.get("tags") or []]
        resource_template = template["resources"][0]
        resources = []
        for position, given in enumerate(data.get("resources") or []):
            base = old_resources.get(given.get("id")) or {
                **resource_template, "id": str(uuid.uuid4()), "created": now}
            resource = {**{k: None for k in resource_template}, "created": base["created"],
                        "id": base["id"], "datastore_active": False, "description": "",
                        "hash": "", "state": "active"}
            resource.update({k: v for k, v in given.items() if k != "id"})
            resource.update(package_id=dataset["id"], position=position, metadata_modified=now)
            if resource.get("size") not in (None, ""):
                resource["size"] = int(resource["size"])
            resources.append(resource)
        dataset["resources"] = resources
        dataset["num_resources"] = len(resources)
        dataset["num_tags"] = len(dataset["tags"])
        dataset["metadata_modified"] = now
        self.datasets[dataset["name"]] = dataset
        return dataset
