"""The five seed SOPs as the demo agency runs them: reviewed actors, roles and step kinds.

The seeds' text lost the flowchart symbols that showed who does each step, so the importer only
suggests actors. The assignments below were reviewed by reading each SOP's wording; the reason
for every choice is kept next to it (and is shown to users as the step's "why these actors").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ppid.core.constants import Role
from ppid.procedures.constants import Scope, StepKind

SEEDS_DIR = Path(__file__).resolve().parent.parent / "procedures" / "seeds"

K = StepKind


@dataclass(frozen=True)
class ReviewedStep:
    actor: str
    kind: str
    why: str


@dataclass(frozen=True)
class ReviewedProcedure:
    seed: str
    code: str
    scope: str
    roles: dict[str, tuple[str, str]]  # actor name -> (role, why)
    steps: dict[int, ReviewedStep] = field(default_factory=dict)


SEED_PROCEDURES = [
    ReviewedProcedure(
        seed="000_03990a9dddcdeae9.txt",
        code="pendokumentasian-informasi-publik-bpmp-kalsel",
        scope=Scope.ITEM,
        roles={
            "Penelaah Teknis Kebijakan": (
                Role.UNIT_OFFICER, "A policy analyst in the unit that holds the information."),
            "Pengadministrasi Umum/Tim ULT": (
                Role.UNIT_PPID,
                "The ULT desk keeps the unit's records and stores them in the archive, which "
                "needs the right to confirm documentation: the PPID Pelaksana's position."),
            "PPID": (Role.PPID, "The PPID."),
            "Pengelola Situs/Web": (Role.WEB_MANAGER, "Runs the website."),
        },
        steps={
            1: ReviewedStep("Penelaah Teknis Kebijakan", K.OTHER,
                            "Identification starts in the unit on a disposition letter."),
            2: ReviewedStep("Penelaah Teknis Kebijakan", K.HANDOVER,
                            "The analyst coordinates with the PPID (output: result of the "
                            "coordination); the cell only holds a stray title."),
            3: ReviewedStep("Pengadministrasi Umum/Tim ULT", K.OTHER,
                            "Composing the soft/hard copy is administrative work of the ULT."),
            4: ReviewedStep("Pengadministrasi Umum/Tim ULT", K.HANDOVER,
                            "“Melaporkan … kepada PPID”: the ULT reports to the PPID."),
            5: ReviewedStep("PPID", K.REVIEW,
                            "The PPID corrects what was reported to him (or sends it back)."),
            6: ReviewedStep("Pengadministrasi Umum/Tim ULT", K.ARCHIVE,
                            "The ULT files the corrected documents in the archive."),
            7: ReviewedStep("Pengelola Situs/Web", K.PUBLISH,
                            "“Mengunggah … di laman”: the web manager uploads."),
        },
    ),
    ReviewedProcedure(
        seed="001_da02698bd2d819ad.txt",
        code="pengumuman-informasi-bpmp-bengkulu",
        scope=Scope.REGISTER,
        roles={
            "PPID": (Role.PPID, "The PPID."),
            "Pengolah Data dan Informasi": (
                Role.WEB_MANAGER, "The data and information officer maintains the website."),
            "Penelaah Teknis Kebijakan": (
                Role.UNIT_OFFICER, "The policy analyst prepares the list's content."),
        },
        steps={
            1: ReviewedStep("PPID", K.HANDOVER,
                            "“Memberikan tugas”: the PPID gives the assignment (disposition)."),
            2: ReviewedStep("Penelaah Teknis Kebijakan", K.PREPARE_DIP,
                            "The analyst drafts the Daftar Informasi Publik (a draft edition "
                            "the PPID signs off by decree)."),
            3: ReviewedStep("PPID", K.REVIEW, "The PPID verifies the material."),
            4: ReviewedStep("Pengolah Data dan Informasi", K.PUBLISH,
                            "Uploading to the site is the data and information officer's."),
            5: ReviewedStep("Pengolah Data dan Informasi", K.MAINTAIN,
                            "Routine maintenance and security of the site, same officer: a "
                            "maintenance run checks files, links, berkala items and security."),
        },
    ),
    ReviewedProcedure(
        seed="002_baef6826fbfcc3f5.txt",
        code="pendokumentasian-informasi-dikecualikan-lpmp-kaltim",
        scope=Scope.ITEM,
        roles={
            "PPID Pelaksana": (Role.UNIT_PPID, "The unit's PPID Pelaksana."),
            "Petugas Dokumentasi/Arsip": (
                Role.UNIT_OFFICER, "The unit's documentation/archive officer."),
            "PPID": (Role.PPID, "The PPID."),
        },
        steps={
            1: ReviewedStep("PPID Pelaksana", K.OTHER,
                            "Each unit produces and keeps its exempt information."),
            2: ReviewedStep("Petugas Dokumentasi/Arsip", K.HANDOVER,
                            "The archive officer hands the softcopy to the PPID."),
            3: ReviewedStep("PPID", K.ARCHIVE,
                            "“Menerima dan menyimpan … storage internal PPID”: the PPID stores "
                            "it internally. Never published."),
        },
    ),
    ReviewedProcedure(
        seed="003_0331f055802aca5c.txt",
        code="pendokumentasian-informasi-publik-biro-adpim-kalteng",
        scope=Scope.ITEM,
        roles={
            "Petugas Pelayanan Informasi": (
                Role.UNIT_OFFICER, "The information service officer of the unit."),
            "PPID": (Role.PPID, "The PPID (PPID Pembantu of the bureau)."),
            "Atasan PPID": (Role.PPID_SUPERIOR, "The PPID's superior (“pimpinan PPID”)."),
        },
        steps={
            1: ReviewedStep("Petugas Pelayanan Informasi", K.OTHER,
                            "Identification in the unit by the officer."),
            2: ReviewedStep("Petugas Pelayanan Informasi", K.HANDOVER,
                            "The officer coordinates with the PPID official."),
            3: ReviewedStep("Petugas Pelayanan Informasi", K.OTHER,
                            "Preparing the equipment."),
            4: ReviewedStep("Petugas Pelayanan Informasi", K.OTHER,
                            "Collecting data from several sources (5 working days)."),
            5: ReviewedStep("Petugas Pelayanan Informasi", K.OTHER,
                            "Composing the soft file."),
            6: ReviewedStep("Atasan PPID", K.REVIEW,
                            "The report goes to the “pimpinan PPID” for correction: the "
                            "superior corrects it or sends it back; step 7 publishes “hasil "
                            "koreksi … dari pimpinan PPID”."),
            7: ReviewedStep("PPID", K.PUBLISH,
                            "The corrected document is published on the website by the PPID."),
            8: ReviewedStep("PPID", K.ARCHIVE,
                            "The PPID keeps the archive (storage internal, see equipment)."),
        },
    ),
    ReviewedProcedure(
        seed="004_b97fa16d33e50703.txt",
        code="klasifikasi-dan-pusat-data-bkd-kalteng",
        scope=Scope.ITEM,
        roles={
            "JFU": (Role.WEB_MANAGER,
                    "The general officer of the Data Processing and Information Service field "
                    "runs the BKD website and sends data to the Pusat Data."),
            "Kepala Bidang": (Role.UNIT_PPID,
                              "Head of the Data Processing and Information Service field, acting "
                              "as PPID Pelaksana."),
            "Kepala Badan": (Role.PPID_SUPERIOR,
                             "Head of the agency, who classifies (Atasan PPID)."),
        },
        steps={
            1: ReviewedStep("JFU", K.HANDOVER,
                            "Collects and hands over “ke Kabid Pengolahan Data …”."),
            2: ReviewedStep("Kepala Bidang", K.REVIEW,
                            "The previous step hands it to the Kabid, who examines and "
                            "corrects it, then passes it on to the Kepala Badan."),
            3: ReviewedStep("Kepala Badan", K.CLASSIFY,
                            "Previous step: “diserahkan ke Kepala Badan”, who classifies."),
            4: ReviewedStep("Kepala Bidang", K.ARCHIVE,
                            "“menyerahkan kembali ke Kabid”: the Kabid documents."),
            5: ReviewedStep("JFU", K.DATA_CENTER,
                            "“menyerahkan ke JFU”: the JFU sends the public information on to "
                            "the Pusat Data (published, in the catalog and change feed, and "
                            "pushed to the configured CKAN portals)."),
        },
    ),
]


def apply_review(reviewed: ReviewedProcedure, header: dict, actors: list[dict],
                 steps: list[dict]) -> tuple[dict, list[dict], list[dict]]:
    """Apply the reviewed roles, actors and kinds to imported data (as save_revision takes it)."""
    header = dict(header, scope=reviewed.scope)
    names = {a["name"] for a in actors}
    missing = set(reviewed.roles) - names
    if missing:
        raise ValueError(f"{reviewed.seed}: actors not found in the import: {sorted(missing)}")
    actors = [dict(a, role=reviewed.roles[a["name"]][0], note=reviewed.roles[a["name"]][1])
              for a in actors]
    reviewed_steps = []
    for step in steps:
        review = reviewed.steps[step["number"]]
        reviewed_steps.append(dict(step, actors=[review.actor], kind=review.kind,
                                   actor_note=review.why))
    return header, actors, reviewed_steps


def install(user) -> list:
    """Import the five seeds, apply the reviewed assignments and make them effective."""
    from ppid.procedures import services
    from ppid.procedures.importer import parse_file

    revisions = []
    for reviewed in SEED_PROCEDURES:
        path = SEEDS_DIR / reviewed.seed
        data = path.read_bytes()
        revision = services.import_procedure(user, parse_file(path.name, data),
                                             source_name=path.name, source_bytes=data,
                                             code=reviewed.code)
        header, actors, steps = apply_review(reviewed, *services.revision_as_data(revision))
        services.save_revision(user, revision, header=header, actors=actors, steps=steps)
        revisions.append(services.activate(user, revision))
    return revisions


def start_demo_cases(users: dict) -> None:
    """A few running cases so that task lists and timelines have something to show."""
    from ppid.procedures import services
    from ppid.procedures.models import ProcedureRevision
    from ppid.register.constants import Status
    from ppid.register.models import InformationItem

    def effective(code):
        return ProcedureRevision.objects.get(procedure__code=code, status="effective")

    draft = (InformationItem.objects.filter(holder_unit__code="IKP", status=Status.DRAFT)
             .exclude(category="exempt").order_by("pk").first())
    if draft is not None:
        case = services.start_case(users["ppid"], effective(SEED_PROCEDURES[0].code), item=draft)
        task = case.tasks.get(status="active")
        services.complete_task(task.assignee, task, services.Completion(
            inputs_present=task.step.input_list,
            output_note="Identifikasi: dokumen ini termasuk informasi berkala (Pasal 9)."))
    services.start_case(users["ppid"], effective(SEED_PROCEDURES[1].code),
                        title="Pemutakhiran DIP semester II")
