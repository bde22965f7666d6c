"""Fictional demo data for the PPID register.

Every unit, item and document below is invented for demonstration purposes. The agency is
modelled on a provincial office in Kalimantan Tengah ("Dinas Komunikasi, Informatika dan
Statistik Provinsi Kalimantan Tengah", Palangka Raya, WIB), but the titles, dates, figures,
names and identifiers are fictional and must not be read as official information. Personal
names that appear in exempt documents are marked "(fiktif)"; network addresses use the
documentation ranges of RFC 5737 and keys are placeholders.

This module holds plain data only; the demo loader decides how to turn it into records.
"""

AGENCY_NAME = "Dinas Komunikasi, Informatika dan Statistik Provinsi Kalimantan Tengah"
AGENCY_SHORT_NAME = "Diskominfosantik Provinsi Kalimantan Tengah"
AGENCY_CITY = "Palangka Raya"
AGENCY_TIME_ZONE = "Asia/Jakarta"

UNITS = [
    {
        "code": "SEKRETARIAT",
        "name": "Sekretariat",
        "parent": None,
        "has_unit_ppid": True,
    },
    {
        "code": "UMPEG",
        "name": "Subbagian Umum dan Kepegawaian",
        "parent": "SEKRETARIAT",
        "has_unit_ppid": False,
    },
    {
        "code": "KEU",
        "name": "Subbagian Keuangan dan Aset",
        "parent": "SEKRETARIAT",
        "has_unit_ppid": False,
    },
    {
        "code": "IKP",
        "name": "Bidang Informasi dan Komunikasi Publik",
        "parent": None,
        "has_unit_ppid": True,
    },
    {
        "code": "APTIKA",
        "name": "Bidang Aplikasi Informatika",
        "parent": None,
        "has_unit_ppid": True,
    },
    {
        "code": "STAT",
        "name": "Bidang Statistik",
        "parent": None,
        "has_unit_ppid": True,
    },
    {
        "code": "SANDI",
        "name": "Bidang Persandian dan Keamanan Informasi",
        "parent": None,
        "has_unit_ppid": False,
    },
]

ITEMS = [
    # ------------------------------------------------------------------
    # Informasi berkala (Pasal 9)
    # ------------------------------------------------------------------
    {
        "title": "Profil, Tugas, Fungsi dan Struktur Organisasi Dinas Tahun 2022",
        "summary": (
            "Memuat kedudukan, tugas pokok, fungsi, struktur organisasi, alamat kantor "
            "dan ringkasan profil pimpinan Dinas Komunikasi, Informatika dan Statistik "
            "Provinsi Kalimantan Tengah sesuai Peraturan Gubernur tentang kedudukan "
            "dan susunan organisasi perangkat daerah."
        ),
        "category": "periodic",
        "year": 2022,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Kepala Subbagian Umum dan Kepegawaian",
        "made_on": "2022-02-14",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari A, Rak 1, Boks 2",
        "retention_years": None,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Profil Dinas Komunikasi, Informatika dan Statistik 2022",
            "paragraphs": [
                (
                    "Dinas Komunikasi, Informatika dan Statistik Provinsi Kalimantan "
                    "Tengah merupakan unsur pelaksana urusan pemerintahan bidang "
                    "komunikasi dan informatika, bidang statistik, dan bidang persandian "
                    "yang menjadi kewenangan daerah provinsi."
                ),
                (
                    "Dinas dipimpin oleh seorang Kepala Dinas yang berkedudukan di bawah "
                    "dan bertanggung jawab kepada Gubernur melalui Sekretaris Daerah."
                ),
                (
                    "Susunan organisasi: Kepala Dinas; Sekretariat (Subbagian Umum dan "
                    "Kepegawaian, Subbagian Keuangan dan Aset); Bidang Informasi dan "
                    "Komunikasi Publik; Bidang Aplikasi Informatika; Bidang Statistik; "
                    "Bidang Persandian dan Keamanan Informasi; Kelompok Jabatan Fungsional."
                ),
                (
                    "Jam layanan kantor: Senin s.d. Kamis pukul 07.30–16.00 WIB, Jumat "
                    "pukul 07.30–16.30 WIB, kecuali hari libur nasional."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2022",
        "summary": (
            "Laporan capaian kinerja Dinas atas sasaran strategis dan indikator kinerja "
            "utama Tahun 2022, disertai analisis efisiensi penggunaan anggaran serta "
            "rencana tindak lanjut perbaikan kinerja."
        ),
        "category": "periodic",
        "year": 2023,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2023-02-24",
        "made_at_place": "Palangka Raya",
        "form": "hard",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari A, Rak 2, Boks 5",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2023",
        "summary": (
            "Menyajikan realisasi indikator kinerja utama Tahun 2023, antara lain indeks "
            "SPBE, persentase perangkat daerah yang menerapkan persandian, dan tingkat "
            "keterbukaan informasi publik, beserta kendala dan strategi pemecahannya."
        ),
        "category": "periodic",
        "year": 2024,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2024-02-26",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari A, Rak 2, Boks 6",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "LKjIP Dinas Komunikasi, Informatika dan Statistik Tahun 2023",
            "paragraphs": [
                (
                    "Laporan Kinerja ini disusun sebagai wujud pertanggungjawaban atas "
                    "pelaksanaan Rencana Strategis dan Perjanjian Kinerja Tahun 2023 sesuai "
                    "Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP."
                ),
                (
                    "Sasaran 1 — Meningkatnya kualitas tata kelola SPBE: target indeks 2,60; "
                    "realisasi 2,71; capaian 104,2 persen."
                ),
                (
                    "Sasaran 2 — Meningkatnya keterbukaan informasi publik: target kategori "
                    "Informatif; realisasi Menuju Informatif; capaian 90,0 persen."
                ),
                (
                    "Sasaran 3 — Meningkatnya pemanfaatan data statistik sektoral: target "
                    "75 persen; realisasi 78 persen; capaian 104,0 persen."
                ),
                (
                    "Realisasi anggaran Tahun 2023 mencapai 94,37 persen dari pagu. Sisa "
                    "anggaran terutama berasal dari efisiensi belanja perjalanan dinas dan "
                    "hasil pengadaan barang/jasa."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Ringkasan Program dan Kegiatan Tahun Anggaran 2026",
        "summary": (
            "Daftar program, kegiatan dan subkegiatan Dinas Tahun Anggaran 2026 beserta "
            "pagu indikatif, penanggung jawab, target kinerja dan lokasi kegiatan."
        ),
        "category": "periodic",
        "year": 2026,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Kepala Subbagian Keuangan dan Aset",
        "made_on": "2026-01-15",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Ringkasan Program dan Kegiatan TA 2026",
            "paragraphs": [
                (
                    "Program Penunjang Urusan Pemerintahan Daerah Provinsi — penanggung "
                    "jawab Sekretaris Dinas — pagu Rp 10.220.000.000."
                ),
                (
                    "Program Informasi dan Komunikasi Publik — penanggung jawab Kepala "
                    "Bidang IKP — pagu Rp 4.125.000.000."
                ),
                (
                    "Program Aplikasi Informatika — penanggung jawab Kepala Bidang Aplikasi "
                    "Informatika — pagu Rp 7.940.000.000."
                ),
                (
                    "Program Penyelenggaraan Statistik Sektoral — penanggung jawab Kepala "
                    "Bidang Statistik — pagu Rp 1.560.000.000."
                ),
                (
                    "Program Penyelenggaraan Persandian untuk Pengamanan Informasi — "
                    "penanggung jawab Kepala Bidang Persandian — pagu Rp 1.275.000.000."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Rekapitulasi Jumlah dan Sebaran Aparatur Sipil Negara Tahun 2022",
        "summary": (
            "Rekapitulasi jumlah ASN dan PPPK menurut unit kerja, golongan, jenis "
            "jabatan, jenis kelamin dan tingkat pendidikan per 31 Desember 2022, tanpa "
            "memuat data pribadi pegawai."
        ),
        "category": "periodic",
        "year": 2022,
        "unit": "UMPEG",
        "holder_official": "Kepala Subbagian Umum dan Kepegawaian",
        "responsible_official": "Kepala Subbagian Umum dan Kepegawaian",
        "made_on": "2022-12-29",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Ringkasan LHKPN Pejabat Struktural Tahun Pelaporan 2023",
        "summary": (
            "Ringkasan kepatuhan penyampaian Laporan Harta Kekayaan Penyelenggara Negara "
            "pejabat eselon II dan III di lingkungan Dinas untuk tahun pelaporan 2023, "
            "termasuk tautan pengumuman pada situs e-LHKPN KPK."
        ),
        "category": "periodic",
        "year": 2024,
        "unit": "UMPEG",
        "holder_official": "Kepala Subbagian Umum dan Kepegawaian",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2024-04-05",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Rekap Kepatuhan LHKPN Tahun Pelaporan 2023",
            "paragraphs": [
                (
                    "Jumlah wajib lapor di lingkungan Dinas untuk tahun pelaporan 2023 "
                    "sebanyak 9 (sembilan) orang pejabat."
                ),
                (
                    "Telah menyampaikan LHKPN sebelum batas waktu 31 Maret 2024: 9 orang "
                    "(100 persen). Status verifikasi: lengkap 8 orang, perbaikan 1 orang."
                ),
                (
                    "Pengumuman ringkasan harta kekayaan masing-masing pejabat dapat "
                    "diakses masyarakat melalui laman elhkpn.kpk.go.id pada menu e-Announcement."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Keuangan Dinas Tahun Anggaran 2023 (Audited)",
        "summary": (
            "Laporan keuangan tahunan yang telah diperiksa BPK RI Perwakilan Kalimantan "
            "Tengah, terdiri atas Laporan Realisasi Anggaran, Neraca, Laporan Operasional, "
            "Laporan Perubahan Ekuitas dan Catatan atas Laporan Keuangan."
        ),
        "category": "periodic",
        "year": 2024,
        "unit": "KEU",
        "holder_official": "Kepala Subbagian Keuangan dan Aset",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2024-05-27",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari C, Rak 1, Boks 14",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Laporan Realisasi Anggaran Semester I Tahun 2025",
        "summary": (
            "Realisasi pendapatan dan belanja Dinas periode Januari–Juni 2025 per jenis "
            "belanja dan per program. Realisasi belanja mencapai 42,4 persen dari pagu "
            "anggaran setelah penyesuaian efisiensi belanja."
        ),
        "category": "periodic",
        "year": 2025,
        "unit": "KEU",
        "holder_official": "Kepala Subbagian Keuangan dan Aset",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2025-07-15",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari C, Rak 2, Boks 17",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "LRA Semester I Tahun 2025",
            "paragraphs": [
                (
                    "Laporan Realisasi Anggaran ini menyajikan anggaran dan realisasi "
                    "belanja untuk periode yang berakhir 30 Juni 2025."
                ),
                "Belanja Pegawai — anggaran Rp 11.420.000.000 — realisasi Rp 5.386.000.000.",
                (
                    "Belanja Barang dan Jasa — anggaran Rp 10.315.000.000 — realisasi "
                    "Rp 3.902.500.000."
                ),
                "Belanja Modal — anggaran Rp 2.150.000.000 — realisasi Rp 840.250.000.",
                (
                    "Jumlah belanja — anggaran Rp 23.885.000.000 — realisasi "
                    "Rp 10.128.750.000 (42,4 persen)."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Realisasi Anggaran Semester I Tahun 2026",
        "summary": (
            "Realisasi belanja Dinas periode Januari–Juni 2026 menurut program dan jenis "
            "belanja. Dokumen telah direviu Inspektorat dan menunggu penetapan untuk "
            "dipublikasikan."
        ),
        "category": "periodic",
        "year": 2026,
        "unit": "KEU",
        "holder_official": "Kepala Subbagian Keuangan dan Aset",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2026-07-20",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari C, Rak 3, Boks 21",
        "retention_years": 10,
        "status": "documented",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "LRA Semester I Tahun 2026 (final reviu)",
            "paragraphs": [
                (
                    "Realisasi belanja sampai dengan 30 Juni 2026 sebesar Rp 11.204.300.000 "
                    "atau 44,6 persen dari pagu Rp 25.120.000.000."
                ),
                "Belanja Pegawai — realisasi 48,9 persen dari anggaran.",
                "Belanja Barang dan Jasa — realisasi 42,1 persen dari anggaran.",
                "Belanja Modal — realisasi 31,7 persen dari anggaran.",
            ],
            "public": True,
        },
    },
    {
        "title": "Rekapitulasi Kegiatan Diseminasi Informasi Pembangunan Daerah Tahun 2023",
        "summary": (
            "Rekapitulasi kegiatan diseminasi melalui media cetak, radio, televisi lokal, "
            "media sosial dan forum tatap muka di 13 kabupaten dan 1 kota, termasuk "
            "jumlah konten dan jangkauan audiens."
        ),
        "category": "periodic",
        "year": 2023,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2023-12-20",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Agenda Kegiatan Pimpinan dan Kalender Komunikasi Publik Tahun 2025",
        "summary": (
            "Kalender tahunan kegiatan komunikasi publik pemerintah provinsi, meliputi "
            "hari besar nasional, peringatan hari jadi Provinsi Kalimantan Tengah, serta "
            "agenda sosialisasi program prioritas daerah."
        ),
        "category": "periodic",
        "year": 2025,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2025-01-10",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Laporan Hasil Evaluasi SPBE Provinsi Kalimantan Tengah Tahun 2023",
        "summary": (
            "Ringkasan hasil evaluasi Sistem Pemerintahan Berbasis Elektronik oleh "
            "Kementerian PANRB, memuat nilai indeks per domain, aspek dan indikator "
            "serta rekomendasi perbaikan untuk perangkat daerah."
        ),
        "category": "periodic",
        "year": 2023,
        "unit": "APTIKA",
        "holder_official": "Kepala Bidang Aplikasi Informatika",
        "responsible_official": "Kepala Bidang Aplikasi Informatika",
        "made_on": "2023-11-30",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Ringkasan Hasil Evaluasi SPBE 2023",
            "paragraphs": [
                (
                    "Indeks SPBE Provinsi Kalimantan Tengah Tahun 2023 adalah 2,71 dengan "
                    "predikat Baik (angka demo)."
                ),
                "Domain Kebijakan Internal SPBE — indeks 2,90.",
                "Domain Tata Kelola SPBE — indeks 2,40.",
                "Domain Manajemen SPBE — indeks 1,95.",
                "Domain Layanan SPBE — indeks 3,10.",
                (
                    "Rekomendasi utama: penyusunan arsitektur SPBE daerah, penguatan "
                    "manajemen risiko dan keamanan informasi, serta integrasi layanan "
                    "administrasi pemerintahan."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Kinerja Layanan Pusat Data dan Jaringan Triwulan III Tahun 2026",
        "summary": (
            "Capaian ketersediaan layanan pusat data daerah, jaringan intra pemerintah dan "
            "akses internet perangkat daerah periode Juli–September 2026, termasuk "
            "jumlah gangguan dan waktu pemulihan rata-rata."
        ),
        "category": "periodic",
        "year": 2026,
        "unit": "APTIKA",
        "holder_official": "Kepala Bidang Aplikasi Informatika",
        "responsible_official": "Kepala Bidang Aplikasi Informatika",
        "made_on": "2026-10-12",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 3,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Laporan Kinerja Layanan Pusat Data Triwulan III 2026",
            "paragraphs": [
                "Ketersediaan layanan pusat data daerah: 99,72 persen (target 99,50 persen).",
                "Ketersediaan jaringan intra pemerintah: 99,41 persen (target 99,00 persen).",
                (
                    "Jumlah gangguan tercatat: 7 kejadian, terdiri atas 4 gangguan listrik "
                    "PLN, 2 gangguan serat optik penyedia dan 1 gangguan perangkat."
                ),
                "Rata-rata waktu pemulihan (MTTR): 1 jam 42 menit.",
            ],
            "public": True,
        },
    },
    {
        "title": "Buku Statistik Sektoral Provinsi Kalimantan Tengah Tahun 2024",
        "summary": (
            "Kompilasi data statistik sektoral dari perangkat daerah provinsi, antara "
            "lain data pendidikan, kesehatan, infrastruktur, komunikasi dan informatika, "
            "yang dikumpulkan melalui portal Satu Data Kalimantan Tengah."
        ),
        "category": "periodic",
        "year": 2024,
        "unit": "STAT",
        "holder_official": "Kepala Bidang Statistik",
        "responsible_official": "Kepala Bidang Statistik",
        "made_on": "2024-10-21",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Perpustakaan Dinas Lt. 2, Rak Terbitan, Baris 4",
        "retention_years": None,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Statistik Sektoral Provinsi Kalimantan Tengah 2024",
            "paragraphs": [
                (
                    "Publikasi ini disusun oleh Bidang Statistik selaku Walidata Tingkat "
                    "Provinsi berdasarkan data yang disampaikan 42 produsen data."
                ),
                (
                    "Bab 1 Geografi dan Pemerintahan; Bab 2 Kependudukan; Bab 3 Pendidikan "
                    "dan Kesehatan; Bab 4 Infrastruktur; Bab 5 Komunikasi dan Informatika."
                ),
                (
                    "Seluruh angka dalam publikasi demo ini bersifat ilustratif dan tidak "
                    "dapat dijadikan rujukan resmi."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Evaluasi Penyelenggaraan Statistik Sektoral (EPSS) Tahun 2025",
        "summary": (
            "Hasil penilaian mandiri dan penilaian oleh BPS Provinsi Kalimantan Tengah "
            "atas penyelenggaraan statistik sektoral, mencakup domain prinsip SDI, "
            "kualitas data, proses bisnis statistik, kelembagaan dan statistik nasional."
        ),
        "category": "periodic",
        "year": 2025,
        "unit": "STAT",
        "holder_official": "Kepala Bidang Statistik",
        "responsible_official": "Kepala Bidang Statistik",
        "made_on": "2025-11-18",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "documented",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Laporan Penyelenggaraan Persandian dan Keamanan Informasi Tahun 2024",
        "summary": (
            "Laporan tahunan kegiatan persandian, meliputi layanan sertifikat elektronik "
            "bagi ASN, pengamanan informasi pada kegiatan pimpinan, serta literasi "
            "keamanan siber bagi perangkat daerah."
        ),
        "category": "periodic",
        "year": 2025,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "made_on": "2025-02-10",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari E, Rak 1, Boks 3",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Laporan Kegiatan Literasi Keamanan Siber bagi ASN Tahun 2026",
        "summary": (
            "Rekapitulasi kegiatan literasi keamanan siber dan pencegahan phishing bagi "
            "ASN perangkat daerah provinsi dan kabupaten/kota Tahun 2026, termasuk jumlah "
            "peserta dan hasil pre-test serta post-test."
        ),
        "category": "periodic",
        "year": 2026,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "made_on": "2026-11-16",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 3,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    # ------------------------------------------------------------------
    # Informasi serta merta (Pasal 10)
    # ------------------------------------------------------------------
    {
        "title": "Informasi Banjir dan Jalur Alternatif Ruas Jalan Palangka Raya–Kasongan",
        "summary": (
            "Informasi genangan banjir pada ruas jalan nasional Palangka Raya–Kasongan "
            "di Kabupaten Katingan, titik ruas yang tidak dapat dilalui kendaraan kecil, "
            "jalur alternatif dan nomor posko pengaduan."
        ),
        "category": "immediate",
        "year": 2022,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2022-11-08",
        "made_at_place": "Kasongan",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "withdrawn",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Peringatan Dini Kabut Asap dan Kualitas Udara Tidak Sehat di Kota Palangka Raya",
        "summary": (
            "Peringatan dini memburuknya kualitas udara akibat kebakaran hutan dan lahan "
            "dengan ISPU kategori tidak sehat. Masyarakat diimbau mengurangi aktivitas "
            "luar ruangan dan menggunakan masker, terutama anak-anak dan lansia."
        ),
        "category": "immediate",
        "year": 2023,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2023-09-28",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Siaran Pers Peringatan Dini Kabut Asap 28 September 2023",
            "paragraphs": [
                (
                    "Berdasarkan pemantauan stasiun kualitas udara, Indeks Standar "
                    "Pencemar Udara (ISPU) di Kota Palangka Raya pada pukul 07.00 WIB "
                    "berada pada kategori Tidak Sehat (angka demo: 187)."
                ),
                (
                    "Masyarakat diimbau mengurangi aktivitas di luar ruangan, menggunakan "
                    "masker, menutup ventilasi rumah pada pagi hari, dan segera ke "
                    "fasilitas kesehatan terdekat apabila mengalami sesak napas."
                ),
                (
                    "Satuan pendidikan dapat menyesuaikan jam masuk sekolah sesuai surat "
                    "edaran dinas terkait. Pembaruan informasi disampaikan melalui kanal "
                    "resmi pemerintah provinsi setiap pukul 07.00 dan 15.00 WIB."
                ),
                (
                    "Laporan titik api dapat disampaikan ke posko siaga darurat karhutla "
                    "melalui layanan kedaruratan 112."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Pemberitahuan Gangguan Layanan Aplikasi Pemerintah Provinsi pada Pusat Data",
        "summary": (
            "Pemberitahuan gangguan akses sejumlah aplikasi layanan publik yang "
            "ditempatkan pada pusat data, perkiraan waktu pemulihan, serta kanal "
            "layanan manual yang dapat digunakan masyarakat selama gangguan."
        ),
        "category": "immediate",
        "year": 2024,
        "unit": "APTIKA",
        "holder_official": "Kepala Bidang Aplikasi Informatika",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2024-06-24",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Pengumuman Gangguan Layanan Aplikasi 24 Juni 2024",
            "paragraphs": [
                (
                    "Sehubungan dengan gangguan pada infrastruktur pusat data, sejumlah "
                    "aplikasi layanan publik Pemerintah Provinsi Kalimantan Tengah tidak "
                    "dapat diakses sejak 23 Juni 2024 pukul 21.15 WIB."
                ),
                (
                    "Layanan terdampak: portal perizinan daerah, aplikasi pengaduan "
                    "masyarakat dan portal Satu Data. Situs resmi pemerintah provinsi "
                    "tetap dapat diakses."
                ),
                (
                    "Selama gangguan, permohonan layanan dapat diajukan langsung ke meja "
                    "layanan perangkat daerah terkait pada jam kerja."
                ),
                (
                    "Tim teknis sedang melakukan pemulihan bertahap. Perkembangan informasi "
                    "akan diumumkan melalui kanal media sosial resmi Dinas."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Klarifikasi Hoaks Pesan Berantai Rekrutmen Tenaga Honorer Pemerintah Provinsi",
        "summary": (
            "Klarifikasi bahwa pesan berantai tentang pembukaan rekrutmen tenaga honorer "
            "dengan biaya pendaftaran adalah tidak benar. Pemerintah provinsi tidak "
            "memungut biaya apa pun dan tidak membuka rekrutmen melalui pesan pribadi."
        ),
        "category": "immediate",
        "year": 2025,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2025-03-04",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Siaran Pers Klarifikasi Hoaks Rekrutmen Honorer",
            "paragraphs": [
                (
                    "Beredar pesan berantai melalui aplikasi perpesanan yang menyatakan "
                    "Pemerintah Provinsi Kalimantan Tengah membuka rekrutmen tenaga honorer "
                    "dengan biaya administrasi Rp 1.500.000."
                ),
                (
                    "Informasi tersebut adalah HOAKS. Pemerintah provinsi tidak membuka "
                    "rekrutmen tenaga honorer dan tidak pernah memungut biaya dalam "
                    "proses seleksi pegawai."
                ),
                (
                    "Masyarakat diimbau tidak mentransfer uang kepada pihak mana pun dan "
                    "melaporkan pesan serupa melalui kanal aduan konten atau kepolisian."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Peringatan Serangan Phishing Berkas APK Mengatasnamakan Undangan Pemerintah",
        "summary": (
            "Peringatan kepada ASN dan masyarakat tentang penyebaran berkas APK berkedok "
            "undangan digital dan surat tilang yang dapat mencuri data perbankan. "
            "Memuat ciri-ciri pesan, langkah pencegahan dan kanal pelaporan insiden."
        ),
        "category": "immediate",
        "year": 2026,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "made_on": "2026-03-17",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Peringatan Keamanan Siber: Phishing Berkas APK",
            "paragraphs": [
                (
                    "Tim Tanggap Insiden Siber Pemerintah Provinsi menerima laporan "
                    "penyebaran berkas berformat .apk melalui aplikasi perpesanan dengan "
                    "nama seperti “Undangan Pernikahan” atau “Surat Tilang Elektronik”."
                ),
                (
                    "Berkas tersebut meminta izin membaca SMS dan notifikasi sehingga dapat "
                    "mencuri kode OTP perbankan. Jangan memasang aplikasi dari luar toko "
                    "aplikasi resmi."
                ),
                (
                    "Apabila telanjur memasang, segera putuskan koneksi internet, hapus "
                    "aplikasi, hubungi bank penerbit rekening, dan ganti kata sandi akun."
                ),
                (
                    "Insiden pada perangkat kedinasan dilaporkan melalui layanan aduan "
                    "insiden siber Dinas pada jam kerja."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Peringatan Dini Status Siaga Darurat Kebakaran Hutan dan Lahan Tahun 2026",
        "summary": (
            "Informasi penetapan status siaga darurat karhutla tingkat provinsi, sebaran "
            "titik panas, larangan membuka lahan dengan cara membakar, serta nomor posko "
            "siaga yang dapat dihubungi masyarakat."
        ),
        "category": "immediate",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2026-08-03",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 2,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Infografis dan Siaran Pers Siaga Darurat Karhutla 2026",
            "paragraphs": [
                (
                    "Pemerintah Provinsi Kalimantan Tengah menetapkan status Siaga Darurat "
                    "Bencana Kebakaran Hutan dan Lahan terhitung mulai 1 Agustus 2026."
                ),
                (
                    "Pemantauan satelit pada 2 Agustus 2026 mencatat 64 titik panas dengan "
                    "tingkat kepercayaan tinggi (angka demo), terbanyak di Kabupaten "
                    "Pulang Pisau dan Kabupaten Kotawaringin Timur."
                ),
                (
                    "Masyarakat dilarang membuka lahan dengan cara membakar. Setiap "
                    "kejadian kebakaran agar segera dilaporkan melalui layanan "
                    "kedaruratan 112 atau posko siaga terdekat."
                ),
            ],
            "public": True,
        },
    },
    # ------------------------------------------------------------------
    # Informasi setiap saat (Pasal 11)
    # ------------------------------------------------------------------
    {
        "title": "Daftar Informasi Publik (DIP) Tahun 2022",
        "summary": (
            "Daftar seluruh informasi publik yang dikuasai Dinas Tahun 2022, memuat "
            "ringkasan isi, pejabat penguasa informasi, waktu pembuatan, bentuk "
            "informasi dan jangka waktu penyimpanan."
        ),
        "category": "on_request",
        "year": 2022,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas selaku PPID Pelaksana",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2022-01-31",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Layanan Informasi Lt. 1, Lemari PPID, Rak 1, Boks 1",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Keputusan Kepala Dinas tentang Penunjukan PPID Pelaksana dan Tim Pendukung",
        "summary": (
            "Keputusan Kepala Dinas mengenai penunjukan Sekretaris Dinas sebagai PPID "
            "Pelaksana, susunan tim pendukung di setiap bidang, serta uraian tugas "
            "pengelolaan dan pelayanan informasi publik."
        ),
        "category": "on_request",
        "year": 2023,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2023-01-16",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari A, Rak 3, Boks 8",
        "retention_years": None,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "SK Kepala Dinas tentang PPID Pelaksana dan Tim Pendukung",
            "paragraphs": [
                (
                    "Menimbang: bahwa untuk melaksanakan ketentuan Undang-Undang Nomor 14 "
                    "Tahun 2008 tentang Keterbukaan Informasi Publik perlu menunjuk "
                    "pejabat pengelola informasi dan dokumentasi di lingkungan Dinas."
                ),
                (
                    "KESATU: Menunjuk Sekretaris Dinas sebagai PPID Pelaksana pada Dinas "
                    "Komunikasi, Informatika dan Statistik Provinsi Kalimantan Tengah."
                ),
                (
                    "KEDUA: Membentuk Tim Pendukung PPID Pelaksana yang terdiri atas "
                    "perwakilan Sekretariat dan setiap Bidang sebagaimana tercantum dalam "
                    "Lampiran Keputusan ini."
                ),
                (
                    "KETIGA: Segala biaya yang timbul akibat ditetapkannya Keputusan ini "
                    "dibebankan pada DPA Dinas Tahun Anggaran berjalan."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Keputusan Kepala Dinas tentang Penetapan Daftar Informasi Publik Tahun 2025",
        "summary": (
            "Penetapan Daftar Informasi Publik Tahun 2025 yang mengelompokkan informasi "
            "wajib disediakan secara berkala, serta merta dan setiap saat, beserta "
            "Daftar Informasi yang Dikecualikan hasil uji konsekuensi."
        ),
        "category": "on_request",
        "year": 2025,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas selaku PPID Pelaksana",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2025-01-27",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Layanan Informasi Lt. 1, Lemari PPID, Rak 1, Boks 4",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "SK Penetapan DIP Tahun 2025",
            "paragraphs": [
                (
                    "Mengingat: Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan "
                    "Informasi Publik; Peraturan Komisi Informasi Nomor 1 Tahun 2021 "
                    "tentang Standar Layanan Informasi Publik."
                ),
                (
                    "KESATU: Menetapkan Daftar Informasi Publik Dinas Komunikasi, "
                    "Informatika dan Statistik Provinsi Kalimantan Tengah Tahun 2025 "
                    "sebagaimana tercantum dalam Lampiran I."
                ),
                (
                    "KEDUA: Menetapkan Daftar Informasi yang Dikecualikan berdasarkan "
                    "hasil uji konsekuensi sebagaimana tercantum dalam Lampiran II."
                ),
                (
                    "KETIGA: Daftar Informasi Publik dimutakhirkan paling sedikit satu "
                    "kali dalam setahun."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Rencana Strategis Dinas Komunikasi, Informatika dan Statistik Tahun 2025–2029",
        "summary": (
            "Dokumen perencanaan lima tahunan yang memuat visi, misi, tujuan, sasaran, "
            "strategi, arah kebijakan, program dan indikator kinerja Dinas yang "
            "selaras dengan RPJMD Provinsi Kalimantan Tengah."
        ),
        "category": "on_request",
        "year": 2025,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2025-08-29",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari A, Rak 4, Boks 11",
        "retention_years": None,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Renstra Dinas Tahun 2025–2029",
            "paragraphs": [
                (
                    "BAB I Pendahuluan menguraikan latar belakang, landasan hukum, maksud "
                    "dan tujuan penyusunan Rencana Strategis."
                ),
                (
                    "Tujuan: meningkatkan kualitas tata kelola pemerintahan digital, "
                    "keterbukaan informasi publik, dan pemanfaatan data statistik sektoral "
                    "untuk pembangunan daerah."
                ),
                (
                    "Indikator tujuan: Indeks SPBE Provinsi, Indeks Keterbukaan Informasi "
                    "Publik, dan Indeks Pembangunan Statistik Sektoral."
                ),
                (
                    "Strategi utama: integrasi layanan digital, penguatan keamanan "
                    "informasi, dan peningkatan kapasitas sumber daya manusia TIK."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Standar Pelayanan Administrasi Kepegawaian",
        "summary": (
            "Standar pelayanan usulan kenaikan pangkat, cuti, kenaikan gaji berkala dan "
            "mutasi pegawai, meliputi persyaratan, prosedur, jangka waktu penyelesaian "
            "dan mekanisme pengaduan."
        ),
        "category": "on_request",
        "year": 2023,
        "unit": "UMPEG",
        "holder_official": "Kepala Subbagian Umum dan Kepegawaian",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2023-06-12",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Standar Pelayanan Administrasi Kepegawaian",
            "paragraphs": [
                (
                    "Ruang lingkup: layanan cuti tahunan, kenaikan gaji berkala, usulan "
                    "kenaikan pangkat dan usulan mutasi bagi ASN di lingkungan Dinas."
                ),
                "Jangka waktu layanan cuti tahunan: paling lama 3 (tiga) hari kerja.",
                "Jangka waktu usulan kenaikan gaji berkala: paling lama 5 (lima) hari kerja.",
                (
                    "Pengaduan atas layanan dapat disampaikan kepada Kepala Subbagian Umum "
                    "dan Kepegawaian secara langsung atau melalui surat elektronik dinas."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Jadwal Retensi Arsip dan Daftar Arsip Vital Dinas",
        "summary": (
            "Rancangan jadwal retensi arsip substantif dan fasilitatif Dinas serta "
            "daftar arsip vital, disusun bersama Dinas Perpustakaan dan Kearsipan untuk "
            "diajukan persetujuan Kepala ANRI."
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "UMPEG",
        "holder_official": "Kepala Subbagian Umum dan Kepegawaian",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2026-09-22",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": None,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Rancangan Jadwal Retensi Arsip (konsep)",
            "paragraphs": [
                (
                    "Konsep ini belum ditetapkan dan masih dalam pembahasan dengan unit "
                    "kearsipan pemerintah provinsi."
                ),
                "Arsip kebijakan Dinas — retensi aktif 5 tahun, inaktif 5 tahun — permanen.",
                "Arsip laporan keuangan — retensi aktif 2 tahun, inaktif 8 tahun — musnah.",
                "Arsip layanan informasi publik — aktif 2 tahun, inaktif 3 tahun — dinilai ulang.",
            ],
            "public": True,
        },
    },
    {
        "title": "Rencana Kerja dan Anggaran (RKA) Dinas Tahun Anggaran 2025",
        "summary": (
            "Dokumen RKA Dinas Tahun Anggaran 2025 yang memuat rincian rencana "
            "pendapatan, belanja per program, kegiatan dan subkegiatan, beserta indikator "
            "dan target kinerja."
        ),
        "category": "on_request",
        "year": 2024,
        "unit": "KEU",
        "holder_official": "Kepala Subbagian Keuangan dan Aset",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2024-09-18",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari C, Rak 2, Boks 15",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Dokumen Pelaksanaan Anggaran (DPA) Dinas Tahun Anggaran 2026",
        "summary": (
            "DPA yang telah disahkan PPKD memuat rincian belanja per subkegiatan, "
            "rencana penarikan dana per triwulan dan target kinerja keluaran Tahun "
            "Anggaran 2026."
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "KEU",
        "holder_official": "Kepala Subbagian Keuangan dan Aset",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2026-01-08",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari C, Rak 3, Boks 19",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "DPA Dinas TA 2026 (ringkasan)",
            "paragraphs": [
                "Total pagu belanja Tahun Anggaran 2026: Rp 25.120.000.000.",
                "Rencana penarikan dana Triwulan I: Rp 4.270.400.000 (17 persen).",
                "Rencana penarikan dana Triwulan II: Rp 6.782.400.000 (27 persen).",
                "Rencana penarikan dana Triwulan III: Rp 7.536.000.000 (30 persen).",
                "Rencana penarikan dana Triwulan IV: Rp 6.531.200.000 (26 persen).",
            ],
            "public": True,
        },
    },
    {
        "title": "Standar Operasional Prosedur Pelayanan Informasi Publik Tahun 2022",
        "summary": (
            "SOP pelayanan permohonan informasi publik, penanganan keberatan dan "
            "pendokumentasian informasi. Dokumen ini telah digantikan oleh SOP "
            "Pelayanan Permohonan Informasi dan Keberatan Tahun 2025."
        ),
        "category": "on_request",
        "year": 2022,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Sekretaris Dinas selaku PPID Pelaksana",
        "made_on": "2022-03-21",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Layanan Informasi Lt. 1, Lemari PPID, Rak 2, Boks 2",
        "retention_years": 5,
        "status": "withdrawn",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "SOP Pelayanan Permohonan Informasi Publik dan Penanganan Keberatan",
        "summary": (
            "Prosedur penerimaan dan pemrosesan permohonan informasi paling lama 10 hari "
            "kerja dengan perpanjangan 7 hari kerja, serta penanganan keberatan oleh "
            "atasan PPID paling lama 30 hari kerja."
        ),
        "category": "on_request",
        "year": 2025,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Sekretaris Dinas selaku PPID Pelaksana",
        "made_on": "2025-04-14",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Layanan Informasi Lt. 1, Lemari PPID, Rak 2, Boks 5",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "SOP Pelayanan Permohonan Informasi dan Keberatan",
            "paragraphs": [
                (
                    "1. Pemohon mengajukan permohonan secara langsung, melalui surat, "
                    "surat elektronik atau portal PPID dengan melampirkan identitas."
                ),
                (
                    "2. Petugas mencatat permohonan dalam register dan memberikan nomor "
                    "pendaftaran sebagai tanda terima."
                ),
                (
                    "3. PPID Pelaksana memberikan pemberitahuan tertulis paling lambat 10 "
                    "hari kerja dan dapat diperpanjang paling lambat 7 hari kerja."
                ),
                (
                    "4. Pemohon yang tidak puas dapat mengajukan keberatan kepada atasan "
                    "PPID dalam waktu 30 hari kerja setelah ditemukannya alasan keberatan."
                ),
                (
                    "5. Atasan PPID memberikan tanggapan tertulis paling lambat 30 hari "
                    "kerja sejak keberatan dicatat."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Layanan Akses Informasi Publik Tahun 2023",
        "summary": (
            "Laporan tahunan layanan informasi publik yang memuat jumlah permohonan, "
            "waktu rata-rata pemenuhan, jumlah permohonan yang ditolak beserta "
            "alasannya, serta jumlah keberatan dan sengketa informasi."
        ),
        "category": "on_request",
        "year": 2024,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Sekretaris Dinas selaku PPID Pelaksana",
        "made_on": "2024-01-29",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Layanan Informasi Lt. 1, Lemari PPID, Rak 3, Boks 3",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Laporan Layanan Informasi Publik Tahun 2023",
            "paragraphs": [
                "Jumlah permohonan informasi yang diterima: 86 permohonan (angka demo).",
                (
                    "Dipenuhi seluruhnya: 71; dipenuhi sebagian: 6; ditolak karena "
                    "informasi dikecualikan: 3; informasi tidak dikuasai: 6."
                ),
                "Waktu rata-rata pemenuhan permohonan: 6,4 hari kerja.",
                (
                    "Jumlah keberatan: 2, seluruhnya diselesaikan oleh atasan PPID. "
                    "Tidak terdapat sengketa informasi di Komisi Informasi."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Laporan Layanan Akses Informasi Publik Semester I Tahun 2026",
        "summary": (
            "Rekapitulasi permohonan informasi publik periode Januari–Juni 2026 menurut "
            "kanal permohonan, jenis pemohon, hasil keputusan dan waktu pemenuhan."
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Sekretaris Dinas selaku PPID Pelaksana",
        "made_on": "2026-07-13",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "documented",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Keputusan Gubernur tentang Tim Koordinasi SPBE Provinsi Kalimantan Tengah",
        "summary": (
            "Keputusan pembentukan Tim Koordinasi Sistem Pemerintahan Berbasis "
            "Elektronik tingkat provinsi, susunan keanggotaan, tugas tim serta "
            "mekanisme pelaporan kepada Gubernur."
        ),
        "category": "on_request",
        "year": 2022,
        "unit": "APTIKA",
        "holder_official": "Kepala Bidang Aplikasi Informatika",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2022-06-09",
        "made_at_place": "Palangka Raya",
        "form": "hard",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari D, Rak 1, Boks 4",
        "retention_years": None,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Nota Kesepakatan Pemanfaatan Jaringan Intra Pemerintah dengan Kabupaten/Kota",
        "summary": (
            "Kesepakatan bersama antara Pemerintah Provinsi dan pemerintah kabupaten/kota "
            "se-Kalimantan Tengah tentang pemanfaatan bersama jaringan intra pemerintah, "
            "pembagian peran dan pembiayaan."
        ),
        "category": "on_request",
        "year": 2025,
        "unit": "APTIKA",
        "holder_official": "Kepala Bidang Aplikasi Informatika",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2025-10-06",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari D, Rak 2, Boks 9",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Nota Kesepakatan Jaringan Intra Pemerintah",
            "paragraphs": [
                (
                    "Pasal 1 — Maksud kesepakatan ini adalah sebagai pedoman para pihak "
                    "dalam pemanfaatan bersama jaringan intra pemerintah daerah."
                ),
                (
                    "Pasal 2 — Ruang lingkup meliputi penyediaan konektivitas, pertukaran "
                    "data antar-instansi, pengamanan jaringan dan peningkatan kapasitas SDM."
                ),
                (
                    "Pasal 5 — Pembiayaan dibebankan pada APBD masing-masing pihak sesuai "
                    "kewenangan dan ketentuan peraturan perundang-undangan."
                ),
                "Pasal 8 — Kesepakatan berlaku selama 5 (lima) tahun sejak ditandatangani.",
            ],
            "public": True,
        },
    },
    {
        "title": "Keputusan Gubernur tentang Forum Satu Data Indonesia Tingkat Provinsi",
        "summary": (
            "Keputusan pembentukan Forum Satu Data Indonesia tingkat Provinsi Kalimantan "
            "Tengah yang menetapkan Bappeda sebagai koordinator, Dinas sebagai walidata, "
            "serta BPS Provinsi sebagai pembina data statistik."
        ),
        "category": "on_request",
        "year": 2023,
        "unit": "STAT",
        "holder_official": "Kepala Bidang Statistik",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2023-03-08",
        "made_at_place": "Palangka Raya",
        "form": "hard",
        "hard_copy_location": "Ruang Arsip Lt. 2, Lemari F, Rak 1, Boks 2",
        "retention_years": None,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Metadata Statistik Sektoral Perangkat Daerah Tahun 2024",
        "summary": (
            "Kumpulan metadata kegiatan, variabel dan indikator statistik sektoral "
            "perangkat daerah provinsi sesuai standar SDI, sebagai rujukan definisi, "
            "konsep dan metode penghitungan data."
        ),
        "category": "on_request",
        "year": 2024,
        "unit": "STAT",
        "holder_official": "Kepala Bidang Statistik",
        "responsible_official": "Kepala Bidang Statistik",
        "made_on": "2024-07-30",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "documented",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Daftar Data Prioritas Satu Data Kalimantan Tengah Tahun 2027",
        "summary": (
            "Rancangan daftar data prioritas yang akan dikumpulkan dan disebarluaskan "
            "pada Tahun 2027 berdasarkan usulan produsen data dan hasil Forum Satu Data."
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "STAT",
        "holder_official": "Kepala Bidang Statistik",
        "responsible_official": "Kepala Bidang Statistik",
        "made_on": "2026-10-27",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": "Perjanjian Kerja Sama Penyelenggaraan Sertifikat Elektronik dengan BSrE BSSN",
        "summary": (
            "Perjanjian kerja sama pemanfaatan sertifikat elektronik untuk tanda tangan "
            "elektronik ASN Pemerintah Provinsi Kalimantan Tengah, meliputi hak dan "
            "kewajiban para pihak, jangka waktu dan mekanisme evaluasi."
        ),
        "category": "on_request",
        "year": 2023,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2023-08-15",
        "made_at_place": "Jakarta",
        "form": "both",
        "hard_copy_location": "Ruang Arsip Lt. 1, Lemari E, Rak 2, Boks 6",
        "retention_years": 10,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "PKS Penyelenggaraan Sertifikat Elektronik",
            "paragraphs": [
                (
                    "Perjanjian ini dibuat antara Balai Besar Sertifikasi Elektronik "
                    "(PIHAK KESATU) dan Dinas Komunikasi, Informatika dan Statistik "
                    "Provinsi Kalimantan Tengah (PIHAK KEDUA)."
                ),
                (
                    "PIHAK KESATU menyediakan layanan penerbitan, pembaruan dan pencabutan "
                    "sertifikat elektronik; PIHAK KEDUA bertindak sebagai otoritas "
                    "pendaftaran bagi pengguna di lingkungan pemerintah provinsi."
                ),
                (
                    "Jangka waktu perjanjian adalah 5 (lima) tahun dan dapat diperpanjang "
                    "berdasarkan hasil evaluasi para pihak."
                ),
            ],
            "public": True,
        },
    },
    {
        "title": "Prosedur Penanganan Insiden Keamanan Informasi Pemerintah Provinsi",
        "summary": (
            "Prosedur pelaporan, triase, penanganan, pemulihan dan pelaporan akhir "
            "insiden keamanan informasi pada sistem elektronik pemerintah provinsi, "
            "termasuk koordinasi dengan BSSN."
        ),
        "category": "on_request",
        "year": 2024,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2024-03-25",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "published",
        "exemption_ground": "",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "SOP Penanganan Insiden Keamanan Informasi",
            "paragraphs": [
                (
                    "Tahap 1 Pelaporan: pengguna atau pengelola sistem melaporkan dugaan "
                    "insiden melalui formulir aduan insiden paling lambat 1x24 jam."
                ),
                (
                    "Tahap 2 Triase: tim tanggap insiden menentukan tingkat keparahan "
                    "(rendah, sedang, tinggi, kritis) dan menunjuk penanggung jawab."
                ),
                (
                    "Tahap 3 Penanganan dan Pemulihan: isolasi sistem terdampak, "
                    "pengumpulan bukti digital, pemulihan layanan dari cadangan data."
                ),
                (
                    "Tahap 4 Pelaporan Akhir: laporan insiden disampaikan kepada Kepala "
                    "Dinas dan, untuk tingkat tinggi atau kritis, kepada BSSN."
                ),
            ],
            "public": True,
        },
    },
    # ------------------------------------------------------------------
    # Informasi yang dikecualikan (Pasal 17)
    # ------------------------------------------------------------------
    {
        "title": "Hasil Pemeriksaan Kesehatan Berkala Pegawai Tahun 2024",
        "summary": (
            "Rekam hasil pemeriksaan kesehatan berkala pegawai yang memuat riwayat dan "
            "kondisi kesehatan masing-masing ASN. Dikecualikan karena mengungkap rahasia "
            "pribadi."
        ),
        "category": "exempt",
        "year": 2024,
        "unit": "UMPEG",
        "holder_official": "Kepala Subbagian Umum dan Kepegawaian",
        "responsible_official": "Kepala Subbagian Umum dan Kepegawaian",
        "made_on": "2024-11-11",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Kepegawaian Lt. 1, Lemari Terkunci K-2, Rak 1, Map Rahasia",
        "retention_years": 30,
        "status": "documented",
        "exemption_ground": "17h",
        "exemption_until": None,
        "document": {
            "kind": "pdf",
            "title": "Rekap Hasil Pemeriksaan Kesehatan Berkala Pegawai 2024 (RAHASIA)",
            "paragraphs": [
                "RAHASIA — hanya untuk Subbagian Umum dan Kepegawaian. Data seluruhnya fiktif.",
                (
                    "1. Budi Santoso (fiktif), NIP 198001012005011999 (fiktif) — tekanan "
                    "darah 150/95 mmHg — rekomendasi kontrol ke dokter penyakit dalam."
                ),
                (
                    "2. Siti Aminah (fiktif), NIP 198502022010012998 (fiktif) — kadar gula "
                    "darah puasa 132 mg/dL — rekomendasi pemeriksaan lanjutan."
                ),
                (
                    "3. Rahmat Hidayat (fiktif), NIP 199003032015031997 (fiktif) — hasil "
                    "dalam batas normal — tidak ada rekomendasi."
                ),
                (
                    "Catatan: hasil pemeriksaan bersifat rahasia medis dan hanya dapat "
                    "dibuka kepada pegawai yang bersangkutan."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Daftar Riwayat Hidup dan Berkas Penilaian Kinerja Individu ASN",
        "summary": (
            "Berkas kepegawaian individual berisi data pribadi, riwayat pendidikan, "
            "keluarga dan hasil evaluasi kinerja ASN. Dikecualikan karena memuat "
            "rahasia pribadi sebagaimana Pasal 17 huruf h."
        ),
        "category": "exempt",
        "year": 2022,
        "unit": "UMPEG",
        "holder_official": "Kepala Subbagian Umum dan Kepegawaian",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2022-12-15",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Kepegawaian Lt. 1, Lemari Terkunci K-1, Rak 1–4",
        "retention_years": None,
        "status": "documented",
        "exemption_ground": "17h",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Contoh Berkas Penilaian Kinerja Individu (RAHASIA)",
            "paragraphs": [
                "RAHASIA PRIBADI — isi dokumen ini seluruhnya fiktif untuk keperluan demo.",
                "Nama: Dewi Lestari (fiktif). NIP: 199104042019032996 (fiktif).",
                (
                    "Alamat: Jl. Contoh Fiktif No. 00, Palangka Raya. Status keluarga: "
                    "menikah, 2 anak (fiktif)."
                ),
                (
                    "Predikat kinerja Tahun 2022: Baik. Catatan atasan: perlu peningkatan "
                    "kompetensi analisis data (fiktif)."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Harga Perkiraan Sendiri (HPS) Pengadaan Perangkat Pusat Data Tahun 2025",
        "summary": (
            "Harga Perkiraan Sendiri dan rincian spesifikasi teknis pengadaan perangkat "
            "pusat data sebelum pengumuman pemenang tender. Pengungkapan dapat "
            "mengakibatkan persaingan usaha tidak sehat."
        ),
        "category": "exempt",
        "year": 2025,
        "unit": "KEU",
        "holder_official": "Kepala Subbagian Keuangan dan Aset",
        "responsible_official": "Pejabat Pembuat Komitmen",
        "made_on": "2025-05-19",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Pengadaan Lt. 2, Lemari Terkunci P-1, Boks HPS-2025",
        "retention_years": 10,
        "status": "documented",
        "exemption_ground": "17b",
        "exemption_until": "2027-12-31",
        "document": {
            "kind": "pdf",
            "title": "HPS Pengadaan Perangkat Pusat Data (RAHASIA)",
            "paragraphs": [
                (
                    "RAHASIA — tidak untuk dibuka sebelum pengumuman pemenang. Seluruh "
                    "angka dan merek di bawah ini fiktif."
                ),
                "Item 1 — Server rak 2U (spesifikasi demo) — 4 unit — HPS Rp 1.120.000.000.",
                "Item 2 — Storage array 100 TB (spesifikasi demo) — 1 unit — HPS Rp 860.000.000.",
                "Item 3 — Switch inti 48 port (spesifikasi demo) — 2 unit — HPS Rp 310.000.000.",
                "Total HPS termasuk PPN: Rp 2.290.000.000 (fiktif).",
            ],
            "public": False,
        },
    },
    {
        "title": "Dokumen Evaluasi Penawaran Tender Pengembangan Aplikasi Layanan Terpadu",
        "summary": (
            "Berita acara dan kertas kerja evaluasi administrasi, teknis dan harga atas "
            "penawaran peserta tender sebelum penetapan pemenang. Dikecualikan untuk "
            "menjaga persaingan usaha yang sehat."
        ),
        "category": "exempt",
        "year": 2026,
        "unit": "APTIKA",
        "holder_official": "Kepala Bidang Aplikasi Informatika",
        "responsible_official": "Pejabat Pembuat Komitmen",
        "made_on": "2026-10-29",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 10,
        "status": "draft",
        "exemption_ground": "17b",
        "exemption_until": "2027-06-30",
        "document": {
            "kind": "docx",
            "title": "Kertas Kerja Evaluasi Penawaran (RAHASIA)",
            "paragraphs": [
                "RAHASIA — dokumen evaluasi; nama peserta dan nilai penawaran fiktif.",
                "Peserta A: PT Contoh Digital Nusantara (fiktif) — skor teknis 82,5 — lulus.",
                "Peserta B: CV Demo Solusi Borneo (fiktif) — skor teknis 68,0 — tidak lulus.",
                "Peserta C: PT Ilustrasi Teknologi (fiktif) — skor teknis 79,0 — lulus.",
                "Evaluasi harga dilakukan setelah klarifikasi teknis pada tahap berikutnya.",
            ],
            "public": False,
        },
    },
    {
        "title": "Konfigurasi Jaringan Intra Pemerintah dan Manajemen Kunci Persandian",
        "summary": (
            "Dokumen topologi jaringan, konfigurasi perangkat keamanan dan prosedur "
            "pengelolaan kunci persandian pemerintah provinsi. Pengungkapan dapat "
            "membahayakan sistem persandian dan keamanan informasi negara."
        ),
        "category": "exempt",
        "year": 2023,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "made_on": "2023-10-02",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Sandi Lt. 2, Brankas S-1, Laci 2",
        "retention_years": 10,
        "status": "documented",
        "exemption_ground": "17c",
        "exemption_until": "2035-12-31",
        "document": {
            "kind": "pdf",
            "title": "Konfigurasi Jaringan dan Manajemen Kunci (SANGAT RAHASIA)",
            "paragraphs": [
                (
                    "SANGAT RAHASIA — seluruh alamat, nama perangkat dan kunci pada "
                    "dokumen demo ini fiktif."
                ),
                "Segmen manajemen: 192.0.2.0/24 (contoh RFC 5737); gateway 192.0.2.1.",
                "Segmen layanan publik: 198.51.100.0/24 (contoh RFC 5737).",
                "Kunci pra-bagi VPN antarkantor: KUNCI-DEMO-0000-FIKTIF (rotasi 90 hari).",
                (
                    "Pemegang kunci: Sandiman Ahli Muda, Budi Santoso (fiktif); pemegang "
                    "cadangan: Sandiman Ahli Pertama, Andi Wijaya (fiktif)."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Laporan Penilaian Kerentanan dan Uji Penetrasi Aplikasi SPBE",
        "summary": (
            "Hasil penilaian kerentanan dan uji penetrasi atas aplikasi dan situs web "
            "pemerintah provinsi, termasuk celah yang belum ditutup. Dikecualikan karena "
            "dapat dimanfaatkan untuk menyerang sistem pemerintahan."
        ),
        "category": "exempt",
        "year": 2025,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "made_on": "2025-09-08",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "documented",
        "exemption_ground": "17c",
        "exemption_until": "2029-12-31",
        "document": {
            "kind": "pdf",
            "title": "Laporan Uji Penetrasi Aplikasi SPBE 2025 (RAHASIA)",
            "paragraphs": [
                "RAHASIA — nama aplikasi, alamat dan temuan berikut fiktif.",
                (
                    "Temuan 1 (Tinggi): injeksi SQL pada formulir pencarian aplikasi-demo-1 "
                    "— status: sudah diperbaiki, diverifikasi ulang."
                ),
                (
                    "Temuan 2 (Sedang): header keamanan HTTP belum lengkap pada "
                    "aplikasi-demo-2 — status: dalam perbaikan."
                ),
                (
                    "Temuan 3 (Rendah): pesan galat menampilkan versi perangkat lunak "
                    "pada aplikasi-demo-3 — status: belum ditindaklanjuti."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Laporan Insiden Peretasan Situs Web Perangkat Daerah dalam Proses Penyidikan",
        "summary": (
            "Kronologi, bukti digital dan analisis forensik insiden peretasan situs "
            "web perangkat daerah yang telah dilaporkan kepada Kepolisian Daerah dan "
            "sedang dalam proses penyidikan."
        ),
        "category": "exempt",
        "year": 2024,
        "unit": "SANDI",
        "holder_official": "Kepala Bidang Persandian dan Keamanan Informasi",
        "responsible_official": "Kepala Dinas Komunikasi, Informatika dan Statistik",
        "made_on": "2024-08-21",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Sandi Lt. 2, Brankas S-2, Map Insiden 2024-03",
        "retention_years": 10,
        "status": "documented",
        "exemption_ground": "17a1",
        "exemption_until": "2027-08-31",
        "document": {
            "kind": "docx",
            "title": "Laporan Forensik Insiden INS-2024-03 (RAHASIA)",
            "paragraphs": [
                (
                    "RAHASIA — dalam proses penyidikan. Nomor insiden, alamat dan pihak "
                    "dalam dokumen ini fiktif."
                ),
                (
                    "Kronologi: 12 Agustus 2024 pukul 02.14 WIB halaman depan situs "
                    "dinas-contoh (fiktif) diubah menjadi konten judi daring."
                ),
                (
                    "Jejak akses berasal dari alamat 203.0.113.45 (contoh RFC 5737) melalui "
                    "akun pengelola konten yang kata sandinya diduga bocor."
                ),
                (
                    "Bukti digital berupa citra disk dan log server telah diserahkan "
                    "kepada penyidik dengan berita acara serah terima (fiktif)."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Identitas Pelapor Aduan Dugaan Pungutan Liar Layanan Publik",
        "summary": (
            "Data identitas dan kontak pelapor pada aduan dugaan pungutan liar yang "
            "diteruskan kepada aparat penegak hukum. Dikecualikan untuk melindungi "
            "pelapor dan saksi."
        ),
        "category": "exempt",
        "year": 2025,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2025-06-02",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 10,
        "status": "documented",
        "exemption_ground": "17a2",
        "exemption_until": "2030-06-30",
        "document": {
            "kind": "pdf",
            "title": "Lembar Identitas Pelapor ADU-2025-0117 (RAHASIA)",
            "paragraphs": [
                "RAHASIA — identitas pelapor dilindungi. Seluruh data di bawah fiktif.",
                "Nama pelapor: Budi Santoso (fiktif). Nomor telepon: 0800-0000-0000 (fiktif).",
                (
                    "Pokok aduan: dugaan permintaan uang di luar ketentuan pada layanan "
                    "administrasi di instansi contoh (fiktif)."
                ),
                (
                    "Tindak lanjut: diteruskan kepada Saber Pungli Provinsi dengan surat "
                    "pengantar nomor fiktif 000/000/IKP/2025."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Notulen Rapat Pimpinan Terbatas Pembahasan Rasionalisasi Anggaran",
        "summary": (
            "Notulen dan memorandum internal rapat pimpinan terbatas mengenai opsi "
            "rasionalisasi anggaran sebelum keputusan final diambil. Dikecualikan "
            "sebagai memorandum intra badan publik yang bersifat rahasia."
        ),
        "category": "exempt",
        "year": 2025,
        "unit": "SEKRETARIAT",
        "holder_official": "Sekretaris Dinas",
        "responsible_official": "Sekretaris Dinas",
        "made_on": "2025-02-18",
        "made_at_place": "Palangka Raya",
        "form": "both",
        "hard_copy_location": "Ruang Sekretaris Lt. 2, Lemari Terkunci S-3, Map Rapim 2025",
        "retention_years": 5,
        "status": "documented",
        "exemption_ground": "17i",
        "exemption_until": None,
        "document": {
            "kind": "docx",
            "title": "Notulen Rapat Pimpinan Terbatas 18 Februari 2025 (RAHASIA)",
            "paragraphs": [
                "RAHASIA — memorandum internal; peserta dan angka dalam dokumen ini fiktif.",
                (
                    "Peserta: Kepala Dinas, Sekretaris, para Kepala Bidang; notulis "
                    "Siti Aminah (fiktif)."
                ),
                (
                    "Opsi 1: menunda pengadaan perangkat jaringan cadangan (penghematan "
                    "fiktif Rp 750 juta). Opsi 2: mengurangi frekuensi kegiatan tatap muka "
                    "di kabupaten (penghematan fiktif Rp 420 juta)."
                ),
                (
                    "Kesimpulan sementara: opsi dibahas lebih lanjut dengan TAPD; belum "
                    "merupakan keputusan final Dinas."
                ),
            ],
            "public": False,
        },
    },
    {
        "title": "Data Mikro Survei Kepuasan Layanan Publik dengan Identitas Responden",
        "summary": (
            "Berkas data mikro survei yang masih memuat nama, alamat dan nomor kontak "
            "responden. Kerahasiaan identitas responden dilindungi undang-undang di "
            "bidang statistik; versi anonim tersedia sebagai informasi publik."
        ),
        "category": "exempt",
        "year": 2023,
        "unit": "STAT",
        "holder_official": "Kepala Bidang Statistik",
        "responsible_official": "Kepala Bidang Statistik",
        "made_on": "2023-12-11",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "documented",
        "exemption_ground": "17j",
        "exemption_until": None,
        "document": None,
    },
    # Drafts still being documented through the SOPs (see demo/procedures.py).
    {
        "title": 'Rekapitulasi Aduan Masyarakat melalui Kanal SP4N-LAPOR! Triwulan III Tahun 2026',
        "summary": (
            'Rekapitulasi jumlah, kategori dan status tindak lanjut aduan masyarakat yang '
            'diterima melalui kanal SP4N-LAPOR! selama Juli sampai September 2026.'
        ),
        "category": "periodic",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2026-10-08",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": 'Siaran Pers Kegiatan Gubernur Bulan Oktober 2026',
        "summary": (
            'Kumpulan siaran pers kegiatan Gubernur dan Wakil Gubernur Kalimantan Tengah '
            'yang diterbitkan Bidang IKP selama Oktober 2026.'
        ),
        "category": "periodic",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2026-11-02",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": 'Laporan Pelaksanaan Diseminasi Informasi Program Prioritas Daerah Tahun 2026',
        "summary": (
            'Laporan kegiatan diseminasi informasi program prioritas daerah melalui media '
            'luar ruang, radio dan media sosial, dengan jangkauan dan anggarannya.'
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2026-11-10",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": 'Daftar Media Mitra Kerja Sama Publikasi Tahun Anggaran 2026',
        "summary": (
            'Daftar media cetak, elektronik dan daring yang menjadi mitra kerja sama '
            'publikasi pemerintah provinsi pada tahun anggaran 2026 beserta nilai '
            'kontraknya.'
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2026-11-12",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
    {
        "title": 'Notula Rapat Koordinasi Kehumasan Perangkat Daerah Triwulan IV 2026',
        "summary": (
            'Notula rapat koordinasi kehumasan antar perangkat daerah tentang rencana '
            'publikasi akhir tahun dan penanganan isu publik.'
        ),
        "category": "on_request",
        "year": 2026,
        "unit": "IKP",
        "holder_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "responsible_official": "Kepala Bidang Informasi dan Komunikasi Publik",
        "made_on": "2026-11-16",
        "made_at_place": "Palangka Raya",
        "form": "soft",
        "hard_copy_location": "",
        "retention_years": 5,
        "status": "draft",
        "exemption_ground": "",
        "exemption_until": None,
        "document": None,
    },
]
