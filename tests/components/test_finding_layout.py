"""Quote finding where the words or the layout mislead a sentence-level reading:
possessed nouns, cues and signatures set apart from their quote, run-in
subheadings. Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations


def only(nlp, text):
    found = nlp(text)._.quotes
    assert len(found) == 1, [(q.quote_type, q.text) for q in found]
    return found[0]


def test_possessed_noun_is_not_a_speaker(nlp):
    text = (
        "Dinas Perhubungan Kota Malang menambah jadwal bus kota mulai pekan depan. "
        "Sasarannya memastikan agar pekerja pabrik tidak terlambat masuk kerja."
    )
    assert nlp(text)._.quotes == []


def test_possessed_person_noun_stays_a_speaker(nlp):
    found = nlp("Pengacaranya mengatakan bahwa kliennya tidak pernah menerima uang itu.")._.quotes
    assert [(q.quote_type, q.text, q.speaker) for q in found] == [
        ("indirect", "kliennya tidak pernah menerima uang itu", "Pengacaranya"),
    ]


def test_name_ending_in_nya_stays_a_speaker(nlp):
    text = (
        "Ketua panitia, Sonya Hartati, tiba di lokasi konser pada Jumat pagi. "
        "Sonya mengatakan bahwa tiket yang sudah terjual tidak akan dibatalkan."
    )
    found = nlp(text)._.quotes
    assert [(q.text, q.speaker) for q in found] == [
        ("tiket yang sudah terjual tidak akan dibatalkan", "Sonya Hartati"),
    ]


def test_cue_in_the_paragraph_after_the_quote(nlp):
    text = (
        "Harga cabai rawit di Pasar Induk Kramat Jati naik dua kali lipat.\n\n"
        "”Apakah pemerintah sudah siap menghadapi lonjakan harga menjelang Lebaran?”\n\n"
        "tegas Rudi Hartono. Para pedagang berharap pasokan dari Jawa Timur segera tiba."
    )
    q = only(nlp, text)
    assert (q.quote_type, q.text, q.cue_text, q.speaker) == (
        "direct", "Apakah pemerintah sudah siap menghadapi lonjakan harga menjelang Lebaran?", "tegas", "Rudi Hartono",
    )


def test_clitic_cue_in_the_paragraph_after_the_quote(nlp):
    text = (
        "”Stok beras di gudang kami cukup sampai akhir tahun,” kata Kepala Bulog Jawa Barat Asep Suryana.\n"
        "Ia juga meninjau gudang di Karawang.\n"
        "”Petani tidak perlu khawatir harga gabah jatuh saat panen raya.”\n"
        "ujarnya. Panen raya diperkirakan berlangsung pada April."
    )
    q = nlp(text)._.quotes[-1]
    assert (q.text, q.cue_text, q.mention_text, q.speaker) == (
        "Petani tidak perlu khawatir harga gabah jatuh saat panen raya.", "ujar", "nya", "Asep Suryana",
    )


def test_epigraph_signed_with_a_dash(nlp):
    text = (
        "Peringatan Hari Guru Nasional digelar sederhana di Yogyakarta.\n\n"
        "”Pendidikan adalah senjata paling ampuh untuk mengubah dunia” — Nelson Mandela "
        "Sejak pagi, ratusan guru honorer menunggu kepastian status mereka."
    )
    q = only(nlp, text)
    assert (q.quote_type, q.text, q.speaker) == (
        "direct", "Pendidikan adalah senjata paling ampuh untuk mengubah dunia", "Nelson Mandela",
    )
    assert text[q.span.start_char : q.span.end_char] == q.text


def test_dash_after_a_quote_inside_a_sentence_signs_nothing(nlp):
    text = "Program ”Kampung Tangguh Bencana” — Pemerintah Kota Bogor menargetkan seratus kelurahan tahun ini."
    assert nlp(text)._.quotes == []


def test_a_stray_mark_before_a_reporters_paragraph_opens_no_quote(nlp):
    text = (
        "Alat itu dikembangkan para peneliti sejak awal pandemi.\n"
        "”Ketua tim peneliti, Rina Kusumawati, mengatakan, hasil pemeriksaan bisa diketahui dalam tiga menit. "
        "Rina menuturkan, alat itu sudah diuji di dua rumah sakit.\n"
        "”Akurasinya sekitar 96 persen,” ujarnya."
    )
    quotes = nlp(text)._.quotes
    assert [(quote.quote_type, quote.span.text) for quote in quotes] == [
        ("indirect", "hasil pemeriksaan bisa diketahui dalam tiga menit"),
        ("indirect", "alat itu sudah diuji di dua rumah sakit"),
        ("direct", "Akurasinya sekitar 96 persen"),
    ]
    assert {quote.speaker for quote in quotes} == {"Rina Kusumawati"}
