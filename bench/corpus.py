"""A synthetic but realistic register of an Indonesian local government, from a fixed seed.

Titles ("Laporan Realisasi Anggaran Dinas Kesehatan Tahun 2024"), summaries of one to three
sentences and document bodies of one to eight pages (about 250-350 words a page) are built from
templates filled with government vocabulary. Word and sentence frequencies follow a Zipf-like
law, so there are broad words (in most items) and narrow ones (in a few dozen per 100,000).

The generator also records the ground truth the benchmark needs for recall: for every word
family of FAMILIES (a root with its affixed forms: arsip, kearsipan, pengarsipan, diarsipkan,
...), which items contain any form of it in the text a search of the portal may look at (title,
summary, holding unit and officials, place, and the title and text of public documents).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------
# Word families: the linguistic truth for the affixed-word queries (not the stemmer's opinion).
# --------------------------------------------------------------------------------------------

FAMILIES: dict[str, tuple[str, ...]] = {
    "arsip": ("arsip", "kearsipan", "pengarsipan", "diarsipkan", "mengarsipkan", "pengarsip"),
    "dokumentasi": ("dokumentasi", "pendokumentasian", "didokumentasikan",
                    "mendokumentasikan", "terdokumentasi"),
    "publikasi": ("publikasi", "dipublikasikan", "mempublikasikan"),
    "anggaran": ("anggaran", "penganggaran", "dianggarkan", "menganggarkan"),
    "lapor": ("laporan", "melaporkan", "pelaporan", "dilaporkan", "pelapor"),
    "rencana": ("rencana", "perencanaan", "direncanakan", "merencanakan", "perencana"),
    "awas": ("pengawasan", "diawasi", "mengawasi", "pengawas"),
    "kelola": ("pengelolaan", "dikelola", "mengelola", "pengelola"),
    "adakan": ("pengadaan", "diadakan", "mengadakan"),
    "periksa": ("pemeriksaan", "diperiksa", "memeriksa", "pemeriksa"),
    "tetap": ("penetapan", "ditetapkan", "menetapkan"),
    "evaluasi": ("evaluasi", "mengevaluasi", "dievaluasi"),
}
FAMILY_BIT = {name: 1 << i for i, name in enumerate(FAMILIES)}
FORM_FAMILY = {form: name for name, forms in FAMILIES.items() for form in forms}
_WORD_RE = re.compile(r"\w+")


def families_in(text: str) -> int:
    """Bit set of the FAMILIES any of whose forms occur in `text` as a whole word."""
    mask = 0
    for word in _WORD_RE.findall(text.lower()):
        name = FORM_FAMILY.get(word)
        if name:
            mask |= FAMILY_BIT[name]
    return mask


# --------------------------------------------------------------------------------------------
# Vocabulary. Lists are in order of frequency: the first entries are the common ones.
# --------------------------------------------------------------------------------------------

UNITS = [
    "Dinas Kesehatan", "Dinas Pendidikan dan Kebudayaan",
    "Dinas Pekerjaan Umum dan Penataan Ruang", "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Sekretariat Daerah", "Dinas Sosial", "Badan Perencanaan Pembangunan Daerah",
    "Dinas Perhubungan", "Dinas Lingkungan Hidup", "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Komunikasi dan Informatika", "Badan Pendapatan Daerah", "Inspektorat Daerah",
    "Dinas Pertanian dan Ketahanan Pangan", "Dinas Kearsipan dan Perpustakaan",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Penanggulangan Bencana Daerah", "Dinas Koperasi dan Usaha Mikro",
    "Dinas Pariwisata dan Olahraga", "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Tenaga Kerja", "Dinas Pemberdayaan Masyarakat dan Desa",
    "Satuan Polisi Pamong Praja", "Rumah Sakit Umum Daerah", "Sekretariat DPRD",
    "Bagian Hukum", "Bagian Pengadaan Barang dan Jasa", "Kecamatan Sukamaju",
    "Dinas Pemadam Kebakaran dan Penyelamatan",
]
UNIT_CODES = ["DINKES", "DISDIKBUD", "DPUPR", "BPKAD", "SETDA", "DINSOS", "BAPPEDA", "DISHUB",
              "DLH", "DISDUKCAPIL", "DPMPTSP", "DISKOMINFO", "BAPENDA", "INSPEKTORAT",
              "DISTAN", "DISARPUS", "BKPSDM", "BPBD", "DISKOPUM", "DISPARPORA", "DISPERKIM",
              "DISNAKER", "DPMD", "SATPOLPP", "RSUD", "SETWAN", "HUKUM", "UKPBJ", "KEC-SKM",
              "DAMKAR"]

DOC_KINDS = [  # (title head, category bias)
    ("Laporan Realisasi Anggaran", "periodic"), ("Laporan Keuangan", "periodic"),
    ("Laporan Kinerja Instansi Pemerintah", "periodic"), ("Rencana Kerja", "periodic"),
    ("Dokumen Pelaksanaan Anggaran", "periodic"), ("Rencana Strategis", "periodic"),
    ("Standar Pelayanan", "on_request"), ("Standar Operasional Prosedur", "on_request"),
    ("Surat Keputusan Kepala", "on_request"), ("Peraturan Bupati tentang", "on_request"),
    ("Surat Edaran tentang", "on_request"), ("Data Statistik", "periodic"),
    ("Profil", "periodic"), ("Rekapitulasi", "periodic"),
    ("Pengumuman Pengadaan Barang dan Jasa", "immediate"),
    ("Rencana Umum Pengadaan", "periodic"), ("Laporan Hasil Pemeriksaan", "on_request"),
    ("Notulen Rapat Koordinasi", "on_request"), ("Kerangka Acuan Kerja", "on_request"),
    ("Laporan Evaluasi", "periodic"), ("Laporan Monitoring dan Evaluasi", "periodic"),
    ("Laporan Pertanggungjawaban", "periodic"), ("Daftar Inventaris Aset", "on_request"),
    ("Laporan Layanan Informasi Publik", "periodic"), ("Siaran Pers", "immediate"),
    ("Peringatan Dini", "immediate"), ("Naskah Akademik", "on_request"),
    ("Laporan Survei Kepuasan Masyarakat", "periodic"),
    ("Laporan Pendokumentasian Kegiatan", "on_request"),
    ("Jadwal Penyaluran", "immediate"), ("Neraca", "periodic"),
    ("Catatan atas Laporan Keuangan", "periodic"), ("Petunjuk Teknis", "on_request"),
    ("Laporan Pengarsipan Dokumen", "on_request"), ("Daftar Arsip Statis", "on_request"),
]

TOPICS = [
    "Pelayanan Kesehatan Masyarakat", "Pembangunan Jalan dan Jembatan", "Bantuan Sosial",
    "Belanja Pegawai", "Program Pendidikan Dasar", "Pengelolaan Sampah",
    "Pengadaan Barang dan Jasa", "Pendapatan Asli Daerah", "Penanggulangan Bencana",
    "Perizinan Berusaha", "Pelayanan Administrasi Kependudukan", "Ketahanan Pangan",
    "Pengembangan Usaha Mikro", "Penyediaan Air Minum", "Kepegawaian", "Pajak Daerah",
    "Retribusi Daerah", "Program Pencegahan Stunting", "Beasiswa Pendidikan",
    "Pengawasan Internal", "Transportasi Umum", "Pariwisata Daerah", "Rehabilitasi Irigasi",
    "Pemberdayaan Masyarakat Desa", "Penataan Ruang", "Penanganan Banjir",
    "Imunisasi Dasar Lengkap", "Perpustakaan Daerah", "Keterbukaan Informasi Publik",
    "Penyelenggaraan Kearsipan", "Dana Desa", "Penertiban Pedagang Kaki Lima",
    "Rumah Tidak Layak Huni", "Kesehatan Ibu dan Anak", "Pengendalian Inflasi Daerah",
    "Vaksinasi Rabies", "Pembangunan Embung", "Sertifikasi Halal Usaha Mikro",
    "Penanganan Abrasi Pantai", "Budidaya Kakao", "Sanitasi dan Jamban Sehat",
    "Pengembangan Posyandu", "Penerangan Jalan Umum", "Pemadam Kebakaran",
    "Pengelolaan Aset Daerah", "Layanan Pengaduan Masyarakat", "Pasar Tradisional",
]

PLACES = ["Sukamaju", "Sukamakmur", "Tanjungsari", "Cibeber", "Karanganyar", "Sumberjaya",
          "Mekarsari", "Sindangrasa", "Pasirjaya", "Margahayu", "Cikeusal", "Gunungsari",
          "Wanasari", "Bojongloa", "Cilebak", "Ranca Bungur", "Kertajati", "Babakan Madang"]

# Sentence templates. {N} a noun phrase, {V} a verb (di-/me- form), {T} a topic, {U} a unit,
# {P} a place, {Y} a year, {M} a month, {R} an amount, {K} a number, {X} a rare term.
TEMPLATES = [
    "Dalam rangka {T}, {U} telah {V} {N} sesuai dengan ketentuan peraturan perundang-undangan.",
    "{N} tahun anggaran {Y} {V} oleh {U} dan dilaporkan kepada kepala daerah.",
    "Realisasi belanja untuk {T} sampai dengan bulan {M} {Y} sebesar Rp{R} atau {K} persen "
    "dari pagu anggaran.",
    "Kegiatan ini dilaksanakan di Kecamatan {P} dengan melibatkan {K} orang peserta.",
    "Berdasarkan hasil evaluasi, capaian kinerja {T} pada tahun {Y} dinilai baik.",
    "Penganggaran {N} mengacu pada rencana kerja yang telah ditetapkan.",
    "Seluruh dokumen kegiatan didokumentasikan dan diarsipkan oleh sekretariat {U}.",
    "Informasi mengenai {T} dipublikasikan melalui laman resmi dan papan pengumuman.",
    "Pengawasan terhadap {N} dilakukan oleh Inspektorat Daerah secara berkala.",
    "Masyarakat dapat menyampaikan pengaduan terkait {T} melalui layanan informasi publik.",
    "Tim teknis {V} {N} di Desa {P} pada bulan {M} {Y}.",
    "Perencanaan {N} disusun bersama {U} dengan memperhatikan usulan musyawarah desa.",
    "Pengelolaan {N} menjadi tanggung jawab {U} sesuai tugas pokok dan fungsi.",
    "Pemeriksaan atas {N} menemukan {K} catatan yang harus ditindaklanjuti.",
    "Kepala {U} menetapkan {N} sebagai prioritas pembangunan tahun {Y}.",
    "Pengadaan {N} dilakukan melalui katalog elektronik dengan nilai kontrak Rp{R}.",
    "Pelaporan {N} disampaikan paling lambat tanggal {K} bulan berikutnya.",
    "Jumlah penerima manfaat {T} di Kecamatan {P} mencapai {K} keluarga.",
    "Dokumen ini memuat data {N} yang dihimpun dari {U} dan unit kerja terkait.",
    "Sebagian kegiatan {T} belum terlaksana karena adanya penyesuaian anggaran.",
    "Untuk mendukung {T}, pemerintah daerah mengalokasikan dana sebesar Rp{R}.",
    "Hasil pemantauan menunjukkan {X} di wilayah {P} masih perlu ditangani.",
    "Koordinasi dengan {U} dilaksanakan dalam rapat tanggal {K} {M} {Y}.",
    "Pendokumentasian {N} dilakukan dengan foto, video dan berita acara.",
    "Sosialisasi {T} kepada aparatur desa diadakan di aula {U}.",
    "{U} mempublikasikan {N} agar mudah diakses oleh masyarakat.",
    "Kearsipan {N} mengikuti jadwal retensi arsip yang berlaku.",
    "Petugas mengarsipkan berkas {N} dalam sistem informasi kearsipan dinamis.",
    "Menurut data tahun {Y}, terdapat {K} unit {X} yang tersebar di {K} desa.",
    "Laporan ini disusun sebagai bentuk pertanggungjawaban pelaksanaan {T}.",
    "Pengumuman hasil seleksi {N} diumumkan pada tanggal {K} {M} {Y}.",
    "Monitoring dilakukan untuk mengevaluasi efektivitas {T} di tingkat kecamatan.",
    "Tidak ada perubahan {N} selama periode pelaporan ini.",
    "Belanja modal untuk {X} direncanakan pada triwulan berikutnya.",
    "Kendala utama dalam {T} adalah keterbatasan sumber daya manusia dan sarana.",
    "Rekomendasi tim pemeriksa telah ditindaklanjuti oleh {U}.",
    "Surat nomor {D} ditandatangani oleh {O} selaku pejabat pembuat komitmen.",
    "Berita acara nomor {D} disaksikan oleh {O} dan perwakilan Desa {P}.",
]
NOUNS = [
    "program kerja", "laporan kegiatan", "data penduduk", "dokumen anggaran",
    "rencana anggaran", "belanja barang", "sarana dan prasarana", "pelayanan publik",
    "informasi publik", "aset daerah", "laporan keuangan", "kegiatan fisik",
    "standar pelayanan", "rencana strategis", "bantuan keuangan", "data statistik",
    "hasil pemeriksaan", "jalan lingkungan", "fasilitas kesehatan", "gedung sekolah",
    "kendaraan dinas", "perjanjian kerja sama", "hibah daerah", "tenaga kesehatan",
    "arsip vital", "dokumentasi kegiatan", "rencana pengadaan", "laporan pelaksanaan",
    "penganggaran kegiatan", "jaringan irigasi", "sistem informasi", "pengelolaan keuangan",
    "materi publikasi", "bahan evaluasi", "berita acara serah terima",
    "sertifikat tanah", "peralatan laboratorium", "obat dan perbekalan kesehatan",
]
VERBS = [
    "melaksanakan", "menyusun", "dilaksanakan", "menyampaikan", "mengelola", "menetapkan",
    "disusun", "menyediakan", "membangun", "memperbaiki", "diperiksa", "mendokumentasikan",
    "mengarsipkan", "mempublikasikan", "merencanakan", "melaporkan", "mengevaluasi",
    "menganggarkan", "mengawasi", "mengadakan", "dianggarkan", "dievaluasi", "diawasi",
    "dikelola", "ditetapkan", "memeriksa", "diadakan", "direncanakan", "terdokumentasi",
]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
# Middling terms (a few per cent of the items each), used for the {X} slot.
RARE = [
    "embung", "posyandu", "jamban sehat", "sumur bor", "talud", "gorong-gorong",
    "puskesmas keliling", "abrasi", "rabies", "kakao", "tambak udang", "sertifikasi halal",
    "bank sampah", "tanggul", "drainase", "hidran", "menara telekomunikasi",
    "rumah singgah", "ambulans desa", "lumbung pangan", "balai latihan kerja",
    "kebun bibit", "pos ronda", "jembatan gantung", "pasar ikan", "terminal tipe C",
    "tempat pemrosesan akhir", "ruang terbuka hijau", "sumur resapan",
]
# Narrow terms: each is planted in a single low-weight sentence of one cluster, so that it
# occurs in a few dozen items per 100,000 (and in none of a small smoke corpus, usually).
NARROW = ["biopori", "hidram", "keramba", "geomembran", "rumpon", "ekowisata", "silase",
          "gabion", "bronjong", "seismograf"]
NARROW_TEMPLATE = ("Pemasangan {term} di Desa {P} direncanakan pada tahun {Y} dengan biaya "
                   "Rp{R} dari dana alokasi khusus.")
_SYLLABLES = ["ka", "ra", "ng", "su", "ma", "ja", "ti", "si", "nda", "ban", "sa", "ri",
              "wa", "ngi", "lo", "cu", "pa", "gu", "mu", "ha", "de", "ku", "lim", "bo"]
FIRST_NAMES = ["Budi", "Siti", "Agus", "Dewi", "Hendra", "Rina", "Yusuf", "Ratna", "Eko",
               "Wulan", "Andi", "Lestari", "Bambang", "Nurul", "Dedi", "Ayu", "Rahmat", "Indah"]
LAST_NAMES = ["Santoso", "Rahayu", "Wibowo", "Kurniawan", "Hidayat", "Saputra", "Lubis",
              "Siregar", "Nasution", "Permana", "Setiawan", "Susanti", "Pratama", "Harahap"]

OFFICIALS = ["Kepala Dinas", "Sekretaris", "Kepala Bidang Anggaran", "Kepala Sub Bagian Umum",
             "Kepala Seksi Perencanaan", "Pejabat Pengelola Informasi dan Dokumentasi",
             "Kepala Bidang Pelayanan", "Kepala Sub Bagian Keuangan", "Kepala Seksi Data",
             "Kepala Bidang Kearsipan"]

SUMMARY_TEMPLATES = [
    "Dokumen ini memuat {kind} {topic} pada {unit} tahun {year}.",
    "Berisi rincian {noun} untuk {topic} yang dikelola oleh {unit}.",
    "Ringkasan {noun} tahun {year} beserta capaian dan kendala pelaksanaannya.",
    "Informasi ini disusun setiap tahun dan dipublikasikan melalui portal PPID.",
    "Memuat data {noun} per kecamatan, termasuk Kecamatan {place}.",
    "Disertai lampiran {noun} dan dokumentasi kegiatan lapangan.",
    "Dokumen telah ditetapkan oleh pimpinan dan diarsipkan sesuai ketentuan.",
    "Mencakup penganggaran, pelaksanaan dan pelaporan {topic}.",
]
EXEMPT_SENTENCE = "Dokumen berklasifikasi rahasia sesuai uji konsekuensi PPID."
EXEMPT_MARKER = "rahasia"  # occurs only in exempt items: search_public must never find it


def zipf_cum_weights(n: int, s: float = 1.0) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        out.append(total)
    return out


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------

FILE_TYPES = [  # (content type, extension, weight)
    ("application/pdf", "pdf", 70), (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", 10),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", 8),
    ("image/jpeg", "jpg", 4), ("application/vnd.oasis.opendocument.text", "odt", 3),
    ("image/tiff", "tif", 2), ("text/plain", "txt", 2), ("image/png", "png", 1),
]
PAGE_WEIGHTS = [48, 22, 11, 7, 5, 3, 2, 2]  # 1..8 pages; mean about 2.3
CLUSTERS_PER_TOPIC = 3
YEARS = list(range(2015, 2026))
YEAR_WEIGHTS = [1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 6]


@dataclass
class DocSpec:
    title: str
    is_public: bool
    content_type: str
    ext: str
    text: str
    pages: int


@dataclass
class ItemSpec:
    title: str
    summary: str
    category: str
    status: str
    year: int
    unit: int  # index into UNITS
    holder_official: str
    responsible_official: str
    made_on: dt.date | None
    made_at_place: str
    form: str
    hard_copy_location: str
    exemption_ground: str
    exemption_until: dt.date | None
    docs: list[DocSpec] = field(default_factory=list)
    families: int = 0  # FAMILIES found in the publicly searchable text (if public)

    @property
    def is_public(self) -> bool:
        return self.status == "published" and self.category != "exempt"


class Corpus:
    def __init__(self, seed: int = 42, pool_size: int = 20000):
        self.seed = seed
        rng = random.Random(seed)
        self._rng = rng
        self._noun_w = zipf_cum_weights(len(NOUNS), 0.9)
        self._verb_w = zipf_cum_weights(len(VERBS), 0.8)
        self._topic_w = zipf_cum_weights(len(TOPICS), 1.0)
        self._unit_w = zipf_cum_weights(len(UNITS), 0.7)
        # Village names: the known ones first, then a long tail of made-up ones.
        tail = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).title()
                       for _ in range(3000)} - set(PLACES))
        rng.shuffle(tail)
        self.places = PLACES + tail
        self._place_w = zipf_cum_weights(len(self.places), 1.0)
        self._kind_w = zipf_cum_weights(len(DOC_KINDS), 0.8)
        self._rare_w = zipf_cum_weights(len(RARE), 1.1)
        # Sentences: per topic a few clusters (each with its own handful of templates), built
        # once, so that each sentence's word families are computed once. An item's body draws
        # mostly from a cluster of its topic, a little from everywhere: words are topical.
        template_w = zipf_cum_weights(len(TEMPLATES), 0.5)
        self.clusters: list[list[int]] = []  # per cluster: indexes into the pool
        self.pool: list[str] = []
        self.pool_words: list[int] = []
        self.pool_families: list[int] = []
        for topic in TOPICS:
            for _variant in range(CLUSTERS_PER_TOPIC):
                templates = {rng.choices(TEMPLATES, cum_weights=template_w)[0]
                             for _ in range(6)}
                members = []
                for _ in range(pool_size // (len(TOPICS) * CLUSTERS_PER_TOPIC)):
                    template = rng.choice(sorted(templates))
                    sentence = self._fill(rng, template, topic if rng.random() < 0.7 else None)
                    members.append(len(self.pool))
                    self.pool.append(sentence)
                    self.pool_words.append(len(sentence.split()))
                    self.pool_families.append(families_in(sentence))
                self.clusters.append(members)
        self._cluster_w = zipf_cum_weights(len(self.clusters[0]), 0.8)
        for n, term in enumerate(NARROW):  # the last (rarest) sentence of a cluster
            members = self.clusters[(7 + n * 13) % len(self.clusters)]
            sentence = self._fill(rng, NARROW_TEMPLATE.replace("{term}", term))
            last = members[-1]
            self.pool[last] = sentence
            self.pool_words[last] = len(sentence.split())
            self.pool_families[last] = families_in(sentence)
        self._pool_w = zipf_cum_weights(len(self.pool), 0.9)

    def _fill(self, rng: random.Random, template: str, topic: str | None = None) -> str:
        out = template
        while "{" in out:
            start = out.index("{")
            key = out[start + 1]
            value = topic.lower() if key == "T" and topic else self._slot(rng, key)
            out = out[:start] + value + out[start + 3:]
        return out

    def _slot(self, rng: random.Random, key: str) -> str:
        if key == "N":
            return rng.choices(NOUNS, cum_weights=self._noun_w)[0]
        if key == "V":
            return rng.choices(VERBS, cum_weights=self._verb_w)[0]
        if key == "T":
            return rng.choices(TOPICS, cum_weights=self._topic_w)[0].lower()
        if key == "U":
            return rng.choices(UNITS, cum_weights=self._unit_w)[0]
        if key == "P":
            return rng.choices(self.places, cum_weights=self._place_w)[0]
        if key == "Y":
            return str(rng.choice(YEARS))
        if key == "M":
            return rng.choice(MONTHS)
        if key == "R":
            return f"{rng.randint(5, 9999)}.{rng.randint(0, 999):03d}.000"
        if key == "K":
            return str(rng.randint(1, 400))
        if key == "D":
            return (f"{rng.randint(1, 999):03d}/{rng.randint(1, 9999)}/"
                    f"{rng.choice(UNIT_CODES)}/{rng.choice(YEARS)}")
        if key == "O":
            return (f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, "
                    f"{rng.choice(['S.E.', 'S.T.', 'M.Si.', 'S.H.', 'M.M.', 'S.Kom.'])}")
        if key == "X":
            return rng.choices(RARE, cum_weights=self._rare_w)[0]
        raise ValueError(key)

    def _body(self, rng: random.Random, cluster: list[int], pages: int) -> tuple[str, int]:
        out, mask = [], 0
        for _ in range(pages):
            target = rng.randint(250, 330)
            k = target // 10
            local = rng.choices(cluster, cum_weights=self._cluster_w, k=k)
            picks = [i if rng.random() < 0.97 else
                     rng.choices(range(len(self.pool)), cum_weights=self._pool_w)[0]
                     for i in local]
            lines, count = [], 0
            for i in picks:
                lines.append(self.pool[i])
                mask |= self.pool_families[i]
                count += self.pool_words[i]
                if count >= target:
                    break
            out.append(" ".join(lines))
        return "\n\n".join(out), mask

    def item(self, index: int) -> ItemSpec:
        """Item number `index`: the same for the same seed, whatever the size or order."""
        rng = random.Random(self.seed * 1_000_003 + index)
        unit = rng.choices(range(len(UNITS)), cum_weights=self._unit_w)[0]
        kind, kind_category = rng.choices(DOC_KINDS, cum_weights=self._kind_w)[0]
        topic_index = rng.choices(range(len(TOPICS)), cum_weights=self._topic_w)[0]
        topic = TOPICS[topic_index]
        cluster = self.clusters[topic_index * CLUSTERS_PER_TOPIC
                                + rng.randrange(CLUSTERS_PER_TOPIC)]
        year = rng.choices(YEARS, weights=YEAR_WEIGHTS)[0]
        roll = rng.random()
        if roll < 0.76:
            status = "published"
        elif roll < 0.84:
            status = "draft"
        elif roll < 0.91:
            status = "documented"
        elif roll < 0.92:
            status = "withdrawn"
        else:
            status = "exempt"
        if status == "exempt":
            category, status = "exempt", rng.choice(["documented", "draft"])
        elif rng.random() < 0.6:
            category = kind_category
        else:
            category = rng.choices(["periodic", "on_request", "immediate"], weights=[5, 4, 1])[0]
        unit_name = UNITS[unit]
        shape = rng.random()
        if shape < 0.45:
            title = f"{kind} {unit_name} Tahun {year}"
        elif shape < 0.8:
            title = f"{kind} {topic} Tahun {year}"
        elif shape < 0.93:
            title = f"{kind} {topic} {unit_name} Tahun {year}"
        else:
            title = f"{kind} {topic} di Desa {rng.choice(PLACES)} Tahun {year}"
        sentences = []
        for template in rng.sample(SUMMARY_TEMPLATES, rng.choices([1, 2, 3], [3, 5, 2])[0]):
            sentences.append(template.format(
                kind=kind.lower(), topic=topic.lower(), unit=unit_name, year=year,
                noun=rng.choices(NOUNS, cum_weights=self._noun_w)[0],
                place=rng.choices(self.places, cum_weights=self._place_w)[0]))
        if category == "exempt":
            sentences.append(EXEMPT_SENTENCE)
        summary = " ".join(sentences)
        form = rng.choices(["soft", "both", "hard"], weights=[6, 3, 1])[0]
        made_on = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        spec = ItemSpec(
            title=title, summary=summary, category=category, status=status, year=year,
            unit=unit,
            holder_official=rng.choice(OFFICIALS) if rng.random() < 0.5 else "",
            responsible_official=f"Kepala {unit_name}",
            made_on=made_on if rng.random() < 0.8 else None,
            made_at_place=rng.choice(PLACES) if rng.random() < 0.5 else "",
            form=form,
            hard_copy_location=(f"Ruang arsip {unit + 1}, lemari {rng.randint(1, 9)}"
                                if form != "soft" else ""),
            exemption_ground=rng.choice(["17h", "17i", "17a1"]) if category == "exempt" else "",
            exemption_until=dt.date(year + 5, 12, 31) if category == "exempt" else None,
        )
        if form != "hard" or rng.random() < 0.3:
            n_docs = 2 if rng.random() < 0.15 else 1
            for d in range(n_docs):
                ctype, ext, _w = rng.choices(FILE_TYPES, weights=[t[2] for t in FILE_TYPES])[0]
                pages = (rng.choices(range(1, 9), weights=PAGE_WEIGHTS)[0] if d == 0
                         else rng.randint(1, 2))
                text, mask = self._body(rng, cluster, pages)
                doc_title = title if d == 0 else f"Lampiran {d} {kind}"
                is_public = rng.random() < 0.9
                spec.docs.append(DocSpec(doc_title, is_public, ctype, ext, text, pages))
                if is_public:
                    spec.families |= mask | families_in(doc_title)
        if spec.is_public:
            spec.families |= families_in(" ".join([
                title, summary, unit_name, spec.holder_official, spec.responsible_official,
                spec.made_at_place]))
        else:
            spec.families = 0
        return spec
