"""One small test per Indonesian attribution pattern of DESIGN.md, on real news sentences."""

from __future__ import annotations


def only(nlp, text):
    found = nlp(text)._.quotes
    assert len(found) == 1, [(q.quote_type, q.text) for q in found]
    return found[0]


def test_quote_then_cue_then_speaker_with_role(nlp):
    q = only(nlp, "“Kami siap dan berkomitmen untuk ini,” kata Jake Sullivan, penasihat keamanan nasional Biden.")
    assert (q.quote_type, q.text, q.cue_text, q.speaker) == ("direct", "Kami siap dan berkomitmen untuk ini", "kata", "Jake Sullivan")
    assert q.role == "penasihat keamanan nasional Biden"


def test_cue_followed_by_second_verb(nlp):
    text = "Menteri Pertahanan Lloyd Austin tiba di Brussels.\n\"Akan ada hari-hari sulit di depan,\" kata Austin memperingatkan."
    q = nlp(text)._.quotes[-1]
    assert (q.speaker, q.mention_text, q.role) == ("Lloyd Austin", "Austin", "Menteri Pertahanan")


def test_speaker_then_cue_then_quote(nlp):
    q = only(nlp, "Gubernur Jawa Barat Ridwan Kamil menegaskan, “Semua sekolah tetap belajar dari rumah.”")
    assert (q.quote_type, q.speaker, q.cue_text) == ("direct", "Ridwan Kamil", "menegaskan")


def test_clitic_resolves_to_current_speaker(nlp):
    text = (
        "”Kami akan menambah armada bus,” kata Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo.\n"
        "”Penumpang diminta tetap memakai masker,” ujarnya."
    )
    second = nlp(text)._.quotes[1]
    assert (second.speaker, second.mention_text, second.cue_text) == ("Syafrin Liputo", "nya", "ujar")


def test_pronoun_resolves_to_person_named_before(nlp):
    text = (
        "Juru bicara Kremlin Dmitry Peskov menolak berkomentar.\n"
        "Ia mengatakan kepada CNN Internasional negaranya akan mempertimbangkan langkah itu, dikutip dari NBC News."
    )
    q = only(nlp, text)
    assert (q.quote_type, q.speaker, q.mention_text, q.cited_from) == ("indirect", "Dmitry Peskov", "Ia", "NBC News")
    assert q.text == "negaranya akan mempertimbangkan langkah itu"


def test_indirect_speech_with_and_without_bahwa(nlp):
    found = nlp(
        "Menteri Keuangan Sri Mulyani mengatakan bahwa inflasi masih terkendali. "
        "Sri Mulyani juga mengatakan pemerintah akan menambah anggaran bantuan sosial."
    )._.quotes
    assert [(q.quote_type, q.text, q.speaker) for q in found] == [
        ("indirect", "inflasi masih terkendali", "Sri Mulyani"),
        ("indirect", "pemerintah akan menambah anggaran bantuan sosial", "Sri Mulyani"),
    ]


def test_menurut_fronted_and_trailing(nlp):
    fronted = only(nlp, "Menurut Kapolda Metro Jaya Irjen Fadil Imran, pelaku sudah ditangkap di Bekasi.")
    assert (fronted.quote_type, fronted.text, fronted.speaker, fronted.cue_text) == ("indirect", "pelaku sudah ditangkap di Bekasi", "Fadil Imran", "Menurut")
    trailing = only(nlp, "Harga beras akan turun bulan depan, menurut dua sumber yang mengetahui rencana itu.")
    assert trailing.text == "Harga beras akan turun bulan depan"
    assert trailing.speaker == "sumber yang mengetahui rencana itu"


def test_trailing_kata_with_organisation_speaker(nlp):
    q = only(nlp, "Mereka akan membahas situasi di Eropa, kata seorang pejabat Gedung Putih, demikian dikutip dari BBC.")
    assert (q.quote_type, q.speaker, q.mention_text, q.cited_from) == ("indirect", "pejabat Gedung Putih", "seorang pejabat Gedung Putih", "BBC")


def test_mixed_quote(nlp):
    q = only(nlp, 'Juru bicara Departemen Luar Negeri Ned Price mengatakan Blinken "menegaskan kembali dukungan untuk Ukraina".')
    assert (q.quote_type, q.speaker) == ("mixed", "Ned Price")
    assert q.text.startswith('Blinken "menegaskan')


def test_continuation_paragraph_keeps_speaker(nlp):
    text = '"Akan ada hari-hari sulit," kata Jake Sullivan.\n"Perang ini tidak akan berakhir dengan cepat."'
    second = nlp(text)._.quotes[1]
    assert (second.speaker, second.mention_text, second.cue_text) == ("Jake Sullivan", "", "")


def test_role_only_speaker_resolves_to_named_person(nlp):
    text = (
        "Presiden Joko Widodo meninjau lokasi banjir di Bekasi.\n"
        "”Pemerintah akan membangun tanggul baru,” kata Presiden."
    )
    q = nlp(text)._.quotes[-1]
    assert (q.speaker, q.mention_text) == ("Joko Widodo", "Presiden")


def test_role_without_named_person_stays_a_role(nlp):
    q = only(nlp, "”Kami masih menyelidiki kasus ini,” kata juru bicara kepolisian.")
    assert q.speaker == "juru bicara kepolisian"


def test_cited_media_variants(nlp):
    lansir = only(nlp, "“Salam, Tuan Presiden,” kata Putin, seperti dilansir dari laman Al Jazeera, Rabu (8/12/2021).")
    assert lansir.cited_from == "Al Jazeera"
    dikutip = only(nlp, "“Kami siap,” kata Jake Sullivan kepada wartawan sebagaimana dikutip CNN.com usai pertemuan.")
    assert dikutip.cited_from == "CNN.com"


def test_demikian_and_a_passive_cue_after_the_quote(nlp):
    q = only(nlp, "“Stok beras di gudang cukup sampai Lebaran,” demikian disampaikan Direktur Utama Perum Bulog Budi Waseso di Jakarta.")
    assert (q.speaker, q.role, q.cue_text) == ("Budi Waseso", "Direktur Utama Perum Bulog", "disampaikan")
    oleh = only(nlp, "“Stok beras di gudang cukup sampai Lebaran,” seperti dikatakan oleh Menteri Perdagangan Zulkifli Hasan.")
    assert (oleh.speaker, oleh.cue_text) == ("Zulkifli Hasan", "dikatakan")


def test_hal_itu_disampaikan_names_who_said_the_quote_before_it(nlp):
    text = (
        "“Kami akan menambah impor beras jika stok di gudang menipis.”\n"
        "Hal itu disampaikan Menteri Perdagangan Zulkifli Hasan usai rapat koordinasi di Jakarta, Senin (4/12/2023)."
    )
    q = only(nlp, text)
    assert (q.speaker, q.role, q.cue_text, q.mention_text) == ("Zulkifli Hasan", "Menteri Perdagangan", "disampaikan", "Zulkifli Hasan")
    oleh = only(nlp, "“Kami akan menambah impor beras.” Pernyataan tersebut diungkapkan oleh Zulkifli Hasan di Jakarta.")
    assert oleh.speaker == "Zulkifli Hasan"


def test_outlet_reached_by_phone_or_for_confirmation_is_the_channel(nlp):
    dihubungi = only(nlp, "“Kalau harga komoditas turun, ruang fiskal kita menyempit,” tutur Faisal saat dihubungi Tempo, Sabtu (25/11/2023).")
    assert dihubungi.cited_from == "Tempo"
    dikonfirmasi = only(nlp, "“Pemeriksaan masih berjalan,” kata Ali Fikri ketika dikonfirmasi Kompas.com, Kamis (16/11/2023).")
    assert dikonfirmasi.cited_from == "Kompas.com"
    # Only a medium is a channel: the day after 'dikonfirmasi' is not.
    day = only(nlp, "“Pemeriksaan masih berjalan,” kata Ali Fikri saat dikonfirmasi Senin (20/11/2023).")
    assert day.cited_from == ""


def test_kompas_marks_open_and_close_with_same_character(nlp):
    q = only(nlp, "Anies Baswedan menambahkan, ”Warga diminta tetap di rumah.”")
    assert (q.text, q.speaker) == ("Warga diminta tetap di rumah.", "Anies Baswedan")


def test_quote_over_several_paragraphs_is_one_quote(nlp):
    text = "”Saya minta minggu ini semuanya harus jalan.\n”Ini sudah sangat mendesak,” kata Presiden Joko Widodo."
    q = only(nlp, text)
    assert q.text.startswith("Saya minta") and q.text.endswith("sangat mendesak")
    assert q.speaker == "Joko Widodo"


def test_unpaired_mark_does_not_swallow_the_rest(nlp):
    text = "Ia menyebut “program itu gagal.\nPemerintah berjanji memperbaiki layanan. " + "Harga naik. " * 50
    for q in nlp(text)._.quotes:
        assert "\n" not in q.text


def test_not_quotes(nlp):
    assert nlp("Ia dijuluki alias ”dokter” oleh warga sekitar.")._.quotes == []
    assert nlp("Biden menegaskan kembali dukungannya untuk kedaulatan Ukraina.")._.quotes == []
    assert nlp("Warga menyadari bahwa banjir akan datang lagi.")._.quotes == []
    assert nlp("Sullivan tidak mengatakan bahwa pasukan akan dikirim.")._.quotes == []


def test_attributed_headline(nlp):
    q = only(nlp, "Joe Biden Desak Rusia Segera Turunkan Tensi Ketegangan dengan Ukraina\n\nBiden tiba di Jenewa.")
    assert (q.speaker, q.cue_text) == ("Joe Biden", "Desak")


def test_colon_headline_is_the_speakers_own_words(nlp):
    text = (
        "Menkeu Sri Mulyani: Defisit APBN Masih Terkendali\n\n"
        "Menteri Keuangan Sri Mulyani Indrawati memaparkan realisasi anggaran di Jakarta, Senin (3/3)."
    )
    q = nlp(text)._.quotes[0]
    assert (q.quote_type, q.text, q.cue_text, q.speaker) == ("direct", "Defisit APBN Masih Terkendali", ":", "Sri Mulyani Indrawati")


def test_colon_headline_by_a_nickname_the_body_writes_out(nlp):
    text = (
        "Jokowi: Kita Harus Bekerja Lebih Keras\n\n"
        "Presiden Joko Widodo meminta para menteri bekerja lebih keras. Hal itu disampaikan di Istana Merdeka, Senin."
    )
    q = nlp(text)._.quotes[0]
    assert (q.quote_type, q.text, q.cue_text, q.speaker) == ("direct", "Kita Harus Bekerja Lebih Keras", ":", "Joko Widodo")


def test_colon_headline_with_a_role_alone(nlp):
    text = (
        "Kapolri: Tidak Ada Toleransi bagi Pelaku Pungli\n\n"
        "Kapolri Jenderal Listyo Sigit Prabowo menyampaikan hal itu di Mabes Polri, Jakarta."
    )
    q = nlp(text)._.quotes[0]
    assert (q.quote_type, q.mention_text, q.speaker) == ("direct", "Kapolri", "Listyo Sigit Prabowo")


def test_colon_headline_rubric_is_no_speaker(nlp):
    assert nlp("VIDEO: Banjir Rendam Ratusan Rumah di Bekasi\n\nHujan deras mengguyur sejak pagi.")._.quotes == []
    assert nlp("Cek Fakta: Foto Jembatan Ambruk di Kalimantan Ternyata Hoaks\n\nFoto itu beredar luas.")._.quotes == []


def test_a_topic_before_a_headlines_colon_is_no_speaker(nlp):
    # The article writes 'gempa' and 'hari ini' in lowercase: common words, not a name.
    body = "\n\nJumlah korban gempa terus bertambah. Indeks harga saham gabungan dibuka menguat hari ini."
    assert nlp("Gempa Cianjur: Korban Tewas Bertambah Jadi 300" + body)._.quotes == []
    assert nlp("IHSG Hari Ini: Dibuka Menguat ke Level 7.200" + body)._.quotes == []


def test_a_topic_before_a_headline_verb_is_no_speaker(nlp):
    text = "Kemarau Ancam Panen Petani di Indramayu\n\nKemarau panjang membuat sawah kering. Petani khawatir kemarau berlanjut."
    assert nlp(text)._.quotes == []


def test_a_headline_role_goes_to_the_person_holding_exactly_that_role(nlp):
    text = (
        "Presiden: Kita Harus Swasembada Pangan\n\n"
        "Wakil Presiden Gibran Rakabuming Raka mendampingi Presiden Prabowo Subianto meninjau sawah di Merauke, Senin."
    )
    assert nlp(text)._.quotes[0].speaker == "Prabowo Subianto"


def test_headline_verb_without_its_prefix_after_a_comma(nlp):
    text = (
        "Kasus DBD Melonjak di Awal 2026, Kemenkes Minta Daerah Aktifkan Gerakan 1 Rumah 1 Jumantik\n\n"
        "Kementerian Kesehatan mencatat 28.000 kasus demam berdarah hingga Maret."
    )
    q = nlp(text)._.quotes[0]
    assert (q.speaker, q.cue_text, q.text) == ("Kemenkes", "Minta", "Daerah Aktifkan Gerakan 1 Rumah 1 Jumantik")


def test_headline_verb_forms_are_no_cues_in_the_body(nlp):
    assert nlp("Warga minta jalan desa segera diperbaiki sebelum musim hujan tiba.")._.quotes == []


def test_relayed_speech_belongs_to_original_speaker(nlp):
    q = only(nlp, "Gedung Putih menyatakan bahwa Presiden Joe Biden mengatakan kepada Putin bahwa sanksi ekonomi akan lebih berat.")
    assert (q.speaker, q.text) == ("Joe Biden", "sanksi ekonomi akan lebih berat")


def test_menurutnya_opens_indirect_speech_of_whoever_is_speaking(nlp):
    text = (
        "Ghufron mengatakan KPK tidak akan pandang bulu dalam menangani kasus tersebut. "
        "Menurutnya, siapa pun yang terlibat akan diproses sesuai hukum."
    )
    quote = nlp(text)._.quotes[-1]
    assert (quote.quote_type, quote.text, quote.speaker) == (
        "indirect",
        "siapa pun yang terlibat akan diproses sesuai hukum",
        "Ghufron",
    )


def test_a_cue_ending_in_nya_keeps_it_when_it_is_no_clitic(nlp):
    asked = nlp("Risma bertanya apakah anak-anak itu datang ke Surabaya untuk bekerja.")._.quotes
    assert [q.cue_text for q in asked] == ["bertanya"]
    assert [q.cue_text for q in nlp("“Kami siap,” katanya.")._.quotes] == ["kata"]


def test_a_bare_verb_makes_the_reported_clause(nlp):
    quotes_found = nlp("Kepala BPS Amalia Widyasanti mengatakan ekspor naik 12 persen pada Januari.")._.quotes
    assert [q.text for q in quotes_found] == ["ekspor naik 12 persen pada Januari"]


def test_inserted_cue_whose_predicate_follows_it(nlp):
    found = nlp("Ganjil-genap, kata Hendra, juga tetap tidak berlaku pada akhir pekan.")._.quotes
    assert [(q.text, q.speaker, q.cue_text) for q in found] == [
        ("Ganjil-genap, kata Hendra, juga tetap tidak berlaku pada akhir pekan", "Hendra", "kata")
    ]


def test_inserted_cue_after_a_connective_reports_what_follows(nlp):
    found = nlp("Sementara itu, kata Budi, harga cabai terus naik sejak pekan lalu.")._.quotes
    assert [(q.text, q.speaker) for q in found] == [("harga cabai terus naik sejak pekan lalu", "Budi")]


def test_inserted_cue_before_a_direct_quote_leaves_it_direct(nlp):
    found = nlp("Untuk itu, kata Sri Lestari, ”Pemerintah akan membantu daerah yang terdampak banjir.”")._.quotes
    assert [(q.quote_type, q.speaker) for q in found] == [("direct", "Sri Lestari")]
