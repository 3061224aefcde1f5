"""Subjects that point back to someone already written about: a description closed
by 'itu'/'ini' ('Bendahara negara itu'), and 'Ia/Dia' after a sentence that opens
with a person's name. Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations


def test_description_closed_by_itu_is_the_person_just_quoted(last_quote):
    text = (
        "Menteri Keuangan Sri Mulyani Indrawati mengatakan defisit anggaran masih terkendali.\n"
        "Bendahara negara itu menjelaskan, belanja pemerintah pusat terus dipercepat menjelang akhir tahun."
    )
    q = last_quote(text)
    assert q.text == "belanja pemerintah pusat terus dipercepat menjelang akhir tahun"
    assert (q.speaker, q.mention_text, q.role) == ("Sri Mulyani Indrawati", "Bendahara negara itu", "Menteri Keuangan")


def test_person_noun_closed_by_ini_opens_a_quote_of_the_person_just_introduced(last_quote):
    text = (
        "Warga Kampung Pulo, Sutrisno Hadi, sudah dua hari mengungsi di masjid.\n"
        "Pria kelahiran Solo ini mengaku belum menerima bantuan dari pemerintah daerah."
    )
    q = last_quote(text)
    assert q.text == "belum menerima bantuan dari pemerintah daerah"
    assert (q.speaker, q.mention_text) == ("Sutrisno Hadi", "Pria kelahiran Solo ini")


def test_description_with_no_one_to_point_back_to_stays_a_description(last_quote):
    q = last_quote("Lelaki itu mengaku memiliki rumah di wilayah Petamburan, Tanah Abang.")
    assert q.text == "memiliki rumah di wilayah Petamburan, Tanah Abang"
    assert q.speaker == "Lelaki"


def test_time_phrase_before_the_cue_is_not_part_of_the_subject(last_quote):
    text = (
        "Menteri Luar Negeri Retno Marsudi tiba di Kairo pada Senin.\n"
        "Menteri saat itu menegaskan bahwa Indonesia menolak pemindahan paksa warga Gaza."
    )
    q = last_quote(text)
    assert q.speaker == "Retno Marsudi"
    assert q.mention_text == "Menteri"


def test_pronoun_after_a_sentence_opened_by_a_name_is_that_person(last_quote):
    text = (
        "“Kami akan bersama Ukraina selama yang diperlukan,” kata Presiden Amerika Serikat Joe Biden "
        "saat bertemu Presiden Ukraina Volodymyr Zelensky.\n"
        "Zelensky berterima kasih atas bantuan tersebut. "
        "Dia menyebut bantuan militer AS sangat menentukan jalannya perang."
    )
    q = last_quote(text)
    assert q.text == "bantuan militer AS sangat menentukan jalannya perang"
    assert (q.speaker, q.mention_text) == ("Volodymyr Zelensky", "Dia")


def test_pronoun_after_a_sentence_opened_by_a_lone_company_name_stays_with_the_speaker(last_quote):
    text = (
        "Direktur Grab Indonesia Neneng Goenadi mengatakan donasi sudah lebih dari Rp 2,5 miliar.\n"
        "Grab juga menggandeng Benihbaik.com untuk menyalurkan bantuan. "
        "Dia menjelaskan, donasi akan disalurkan dalam bentuk saldo digital."
    )
    assert last_quote(text).speaker == "Neneng Goenadi"


def test_menurut_a_description_closed_by_itu_is_the_person_just_quoted(last_quote):
    text = (
        "Anggota Komisi IV DPR, Darmadi Durianto, meminta pemerintah memperketat pengawasan distribusi beras.\n"
        "Menurut politikus PDI-P itu, kenaikan harga beras di sejumlah daerah disebabkan permainan spekulan."
    )
    q = last_quote(text)
    assert q.text == "kenaikan harga beras di sejumlah daerah disebabkan permainan spekulan"
    assert (q.speaker, q.mention_text, q.cue_text) == ("Darmadi Durianto", "politikus PDI-P itu", "Menurut")


# From real pages (benchmarks/real/dev): a name inside a description that points back
# is where the person is from, or whose child they are, not who speaks.


def test_a_place_inside_a_description_is_not_the_speaker(last_quote):
    text = (
        "\"Kami akan terus evaluasi dan memperbaiki hal-hal yang terlihat masih kurang,\" ujar Indra Sjafri kepada awak media.\n"
        "Dua gol yang dicetak Firza Andika lahir melalui skema yang biasa diperagakan anak asuh Indra Sjafri. "
        "Menanggapi hal tersebut pria asal Sumatra Barat itu mengaku timnya harus mencoba gaya permainan yang berbeda."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text) == ("Indra Sjafri", "pria asal Sumatra Barat itu")


def test_a_parent_named_in_a_description_is_not_the_speaker(last_quote):
    text = (
        "Naysilla Mirdad kembali membintangi sinetron di layar kaca.\n"
        "Sementara itu, putri Lydia Kandau ini mengaku harus profesional memainkan perannya."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text) == ("Naysilla Mirdad", "putri Lydia Kandau ini")


def test_a_country_in_a_coach_s_description_is_not_the_speaker(last_quote):
    text = (
        "Pelatih PSM Makassar Bernardo Tavares menyoroti kepemimpinan wasit.\n"
        "Juru taktik berpaspor Portugal itu menegaskan emosi para pemain sempat memuncak pada babak kedua."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text) == ("Bernardo Tavares", "Juru taktik berpaspor Portugal itu")


def test_a_description_paragraphs_after_the_last_quote_is_still_its_speaker(last_quote):
    text = (
        "\"Kami akan terus evaluasi dan memperbaiki hal-hal yang terlihat masih kurang,\" ujar Indra Sjafri kepada awak media.\n"
        "Kemenangan ini memperbaiki rekor timnas U-19 Indonesia.\n"
        "Sebelumnya, Egy Maulana Vikri dan rekan-rekan bermain imbang dengan Thailand.\n"
        "Tim juga kalah atas Cina serta Arab Saudi.\n"
        "Dua gol lahir melalui skema yang biasa diperagakan anak asuhnya.\n"
        "Pelatih berusia 55 tahun itu mengaku timnya harus mencoba gaya permainan yang berbeda."
    )
    assert last_quote(text).speaker == "Indra Sjafri"


def test_a_description_before_any_quote_is_the_person_the_article_names_most(last_quote):
    # tempo.co, without its first quote.
    text = (
        "Penyanyi berdarah Sunda, Rossa, kembali hadir dengan album terbarunya, A New Chapter. "
        "Dalam album terbarunya ini, Rossa menawarkan warna musik yang berbeda.\n"
        "Album kedelapan Rossa ini dikemas secara lebih berkelas.\n"
        "Penyanyi kelahiran Sumedang ini mengatakan semua lagu di album tersebut direkam dalam dua bulan."
    )
    assert last_quote(text).speaker == "Rossa"


def test_what_a_role_is_of_is_no_name_when_the_phrase_points_back(last_quote):
    # tempo.co: 'Tegar' is the singer's song, not someone the article names.
    text = (
        "\"Album ini saya kasih judul A New Chapter karena memang hampir seluruhnya baru,\" kata Rossa saat peluncuran album.\n"
        "Pelantun Tegar ini mengatakan semua lagu yang ia tawarkan dari album ini direkam di Los Angeles."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text) == ("Rossa", "Pelantun Tegar ini")
