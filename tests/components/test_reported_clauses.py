"""Indirect quotes whose subject or content carries more than a bare noun phrase:
relative clauses, places, degrees after a name, asides after the addressee.
Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations


def test_content_whose_subject_has_a_relative_clause(last_quote):
    q = last_quote(
        "Kepala Dinas Perdagangan Budi Hartono menegaskan warga yang belum terdaftar tetap dapat membeli minyak goreng di pasar."
    )
    assert q.text == "warga yang belum terdaftar tetap dapat membeli minyak goreng di pasar"
    assert (q.speaker, q.cue_text) == ("Budi Hartono", "menegaskan")


def test_content_whose_subject_has_a_place(last_quote):
    q = last_quote("Rudi juga menyebutkan tinggi gelombang di perairan selatan Bali berpotensi mencapai empat meter.")
    assert q.text == "tinggi gelombang di perairan selatan Bali berpotensi mencapai empat meter"


def test_a_noun_phrase_with_a_place_reports_nothing(nlp):
    assert nlp("Gubernur Jawa Tengah menyampaikan hal tersebut di hadapan ratusan kepala desa.")._.quotes == []


def test_bahwa_inside_the_content_does_not_cut_it(last_quote):
    q = last_quote("Ekonom Indef Andini Lestari mengatakan pasar belum melihat cukup tanda bahwa inflasi akan turun.")
    assert q.text == "pasar belum melihat cukup tanda bahwa inflasi akan turun"


def test_bahwa_after_a_noun_object_starts_the_content(last_quote):
    q = last_quote("Para petani menyuarakan kekhawatiran bahwa harga gabah akan anjlok saat panen raya.")
    assert q.text == "harga gabah akan anjlok saat panen raya"


def test_date_aside_after_the_addressee(last_quote):
    q = last_quote("Sari mengatakan kepada Kompas.com, Rabu (12/3), pengiriman bantuan sudah dimulai sejak pagi.")
    assert (q.text, q.speaker, q.cited_from) == ("pengiriman bantuan sudah dimulai sejak pagi", "Sari", "Kompas.com")


def test_subject_with_an_academic_degree_after_a_comma(last_quote):
    q = last_quote("Kepala Pusat Studi Bencana UGM Dr. Agus Setiawan, M.Si. mengatakan longsor dipicu hujan deras semalam.")
    assert (q.speaker, q.role) == ("Agus Setiawan", "Kepala Pusat Studi Bencana UGM")


def test_an_unnamed_witness_described_by_a_relative_clause(last_quote):
    q = last_quote("Seorang saksi yang enggan disebut namanya mengatakan pelaku melarikan diri ke arah utara.")
    assert q.text == "pelaku melarikan diri ke arah utara"
    assert q.speaker == "saksi yang enggan disebut namanya"


def test_a_cue_inside_a_relative_clause_describes_the_speaker(last_quote):
    q = last_quote("Pedagang yang mengaku rugi jutaan rupiah itu meminta pemerintah segera menurunkan harga sewa kios.")
    assert (q.cue_text, q.text) == ("meminta", "pemerintah segera menurunkan harga sewa kios")
    assert q.speaker == "Pedagang yang mengaku rugi jutaan rupiah itu"


def test_a_named_subject_keeps_its_name_past_a_relative_clause(last_quote):
    q = last_quote("Kepala Basarnas Hendra Gunawan yang memimpin pencarian mengatakan tim akan menyisir sungai hingga sore.")
    assert (q.speaker, q.role) == ("Hendra Gunawan", "Kepala Basarnas")


def test_a_relative_clause_on_a_thing_is_no_speaker(nlp):
    text = "Pemeriksaan yang dimulai sepekan sebelum Idul Adha itu untuk memastikan hewan kurban sehat."
    assert nlp(text)._.quotes == []


def test_a_capitalised_preposition_inside_a_ministry_name(last_quote):
    q = last_quote("Menteri Dalam Negeri Rahmat Hidayat mengatakan pemungutan suara tetap digelar sesuai jadwal.")
    assert (q.speaker, q.role) == ("Rahmat Hidayat", "Menteri Dalam Negeri")


def test_the_english_article_opens_an_organisation(last_quote):
    q = last_quote("Gubernur The Fed Laura Bennett mengatakan suku bunga akan ditahan hingga akhir tahun.")
    assert (q.speaker, q.role) == ("Laura Bennett", "Gubernur The Fed")


def test_a_conjunction_opening_the_sentence_is_not_the_speaker(last_quote):
    q = last_quote("Meskipun Pemerintah Kota Medan menekankan bahwa stok beras aman, warga tetap memborong beras di pasar.")
    assert q.speaker == "Pemerintah Kota Medan"


def test_a_name_opening_the_sentence_before_a_long_adjunct(last_quote):
    q = last_quote(
        "Menteri Pariwisata Dewi Anggraini dalam kunjungan kerja ke tiga desa wisata di Lombok, Jumat (7/6/2024), "
        "mengatakan, “Kami ingin desa wisata menjadi tulang punggung ekonomi warga.”"
    )
    assert (q.speaker, q.cue_text) == ("Dewi Anggraini", "mengatakan")


def test_a_name_closing_a_yang_juga_apposition(last_quote):
    q = last_quote(
        "Kepala Dinas Kesehatan yang juga Ketua Satgas Yuliana Siregar, saat dihubungi, Senin (3/2), "
        "mengatakan, kasus baru terus bertambah setiap pekan."
    )
    assert q.speaker == "Yuliana Siregar"


def test_a_run_of_capitalised_words_after_di_is_a_place(last_quote):
    q = last_quote(
        "Suryani Lestari menunggu giliran di Plaza Senayan Arcadia, Jakarta Selatan, Selasa (9/6).\n"
        "Ia mengaku sengaja datang ke Jakarta agar bisa mendapat lebih banyak pesanan."
    )
    assert q.speaker == "Suryani Lestari"


def test_more_saying_and_directive_verbs(nlp):
    cues = [
        q.cue_text
        for q in nlp(
            "Namun, ia menekankan bahwa hujan lebat tidak selalu berujung banjir.\n"
            "Andi juga menyarankan pemerintah daerah menambah armada bus selama libur panjang.\n"
            "Badan Meteorologi, Klimatologi, dan Geofisika memprakirakan hujan akan turun hingga akhir pekan."
        )._.quotes
    ]
    assert cues == ["menekankan", "menyarankan", "memprakirakan"]


def test_degrees_between_commas_after_the_name(last_quote):
    q = last_quote(
        "Dokter spesialis anak dari RSUD Dr Soetomo, dr. Maria Ulfa, Sp.A, menjelaskan "
        "demam pada anak perlu dipantau setiap empat jam."
    )
    assert (q.speaker, q.cue_text) == ("Maria Ulfa", "menjelaskan")


def test_several_degrees_and_titles_around_the_name(last_quote):
    q = last_quote("Guru Besar Hukum Universitas Andalas, Prof. Dr. Fauzan Akbar, S.H., M.H., menilai putusan itu harus dibatalkan.")
    assert q.speaker == "Fauzan Akbar"


def test_a_degree_written_with_an_inner_dot_ends_no_sentence(nlp):
    doc = nlp("Menurut dr. Anton Wijaya, Sp.PD, pasien harus dirawat.")
    assert [q.speaker for q in doc._.quotes] == ["Anton Wijaya"]


def test_a_role_after_ke_is_a_person_not_a_place(nlp):
    text = (
        "Berkas itu diserahkan ke Presiden Joko Widodo pekan lalu.\n"
        "“Kami akan pelajari dulu,” kata Presiden."
    )
    assert [(q.speaker, q.role) for q in nlp(text)._.quotes] == [("Joko Widodo", "Presiden")]


def test_a_persons_initials_in_brackets_leave_the_name_a_name(last_quote):
    q = last_quote("Presiden keenam RI Susilo Bambang Yudhoyono (SBY) mengatakan demokrasi harus dijaga bersama.")
    assert q.speaker == "Susilo Bambang Yudhoyono"


def test_noun_phrases_with_a_place_or_relative_clause_report_nothing(nlp):
    for text in (
        "Ia menjelaskan kondisi di desa terdampak gempa.",
        "Gubernur menyampaikan duka kepada keluarga korban yang meninggal dunia akibat tertimpa pohon.",
        "Ia menyampaikan undangan buka puasa bersama warga.",
    ):
        assert nlp(text)._.quotes == [], text


def test_inserted_menurut_after_a_connective(last_quote):
    q = last_quote("Sementara itu, menurut Budi, harga cabai terus naik sejak pekan lalu.")
    assert (q.text, q.speaker) == ("harga cabai terus naik sejak pekan lalu", "Budi")


def test_a_full_stop_without_a_space_still_ends_the_sentence(nlp):
    doc = nlp("Harga cabai naik, kata dia.Menurut Budi, stok beras masih aman hingga Lebaran.")
    assert [q.speaker for q in doc._.quotes][-1] == "Budi"


# Cue verbs of real pages (benchmarks/real/dev) that the lexicon lacked.


def test_berujar_reports_a_clause(last_quote):
    q = last_quote("Mahathir berujar, Komisi Pemilihan Malaysia (EC) tidak menjalankan tugasnya.")
    assert (q.speaker, q.cue_text, q.text) == ("Mahathir", "berujar", "Komisi Pemilihan Malaysia (EC) tidak menjalankan tugasnya")


def test_mencontohkan_reports_a_clause(last_quote):
    # Kompas (PFSA-ID dev).
    q = last_quote(
        "Muhammad Zaini mencontohkan, beberapa pemerintah daerah menolak menerbitkan izin bagi kapal berukuran "
        "di bawah 30 GT yang melaut keluar daerah hingga di atas 12 mil."
    )
    assert (q.speaker, q.cue_text) == ("Muhammad Zaini", "mencontohkan")
    assert q.text.startswith("beberapa pemerintah daerah menolak menerbitkan izin")


def test_bersumpah_reports_what_the_speaker_vows(last_quote):
    q = last_quote("Kendati demikian, Volodymyr Zelensky bersumpah untuk tetap tinggal di negaranya meski pasukan Rusia mulai masuk Kiev.")
    assert (q.speaker, q.cue_text, q.text) == ("Volodymyr Zelensky", "bersumpah", "tetap tinggal di negaranya meski pasukan Rusia mulai masuk Kiev")


def test_menduga_reports_an_opinion(last_quote):
    q = last_quote("Mahathir Mohamad menduga, terdapat usaha untuk menunda hasil resmi dengan tidak segera menandatangani formulir keputusan.")
    assert (q.speaker, q.cue_text) == ("Mahathir Mohamad", "menduga")
