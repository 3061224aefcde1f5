"""Spelled-out ranks, appositive roles of ordinary people and places inside names.
Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations

import spacy

from quotes.lang.doc_words import rank_tokens


def test_a_spelled_out_rank_is_not_part_of_the_name(nlp):
    text = (
        "Kepala Bidang Humas Polda Jawa Timur Ajun Komisaris Besar Dirmanto Santoso memastikan pelaku sudah ditangkap.\n"
        "”Pelaku kami tangkap di rumahnya,” kata Dirmanto."
    )
    quotes = nlp(text)._.quotes
    assert [quote.speaker for quote in quotes] == ["Dirmanto Santoso", "Dirmanto Santoso"]
    # The rank is a title: the role is the position.
    assert quotes[0].role == "Kepala Bidang Humas Polda Jawa Timur"


def test_rank_tokens_cover_the_longest_capitalised_rank():
    doc = spacy.blank("id")("Brigadir Jenderal Polisi Rudi Hartono dan brigadir jenderal itu hadir.")
    assert sorted(rank_tokens(doc)) == [0, 1, 2]


def test_a_role_before_a_comma_is_the_role_of_the_name_after_it(nlp):
    text = (
        "Kuasa hukum terdakwa, Maruli Sitompul, membantah kliennya menerima suap.\n"
        "”Tidak ada satu rupiah pun yang diterima klien kami,” ujar Maruli."
    )
    quote = nlp(text)._.quotes[-1]
    assert (quote.speaker, quote.role) == ("Maruli Sitompul", "Kuasa hukum terdakwa")


def test_a_role_with_dari_before_a_comma_keeps_its_organisation(nlp):
    text = (
        "Anggota Komisi IV DPR dari Fraksi PDI Perjuangan, Darmadi Durianto, meminta pemerintah memperketat pengawasan beras.\n"
        "”Spekulan harus ditindak tegas,” ujar Darmadi."
    )
    quote = nlp(text)._.quotes[-1]
    assert (quote.speaker, quote.role) == ("Darmadi Durianto", "Anggota Komisi IV DPR dari Fraksi PDI Perjuangan")


def test_clitic_after_a_relative_named_between_commas(nlp):
    text = (
        "”Kami masih menunggu hasil autopsi,” kata Kepala Polsek Cilandak Komisaris Heru Prasetyo.\n"
        "Ibunda korban, Sumiati, berharap polisi segera menangkap pelaku.\n"
        "”Anak saya anak baik, tidak pernah berkelahi,” katanya sambil terisak."
    )
    quote = nlp(text)._.quotes[-1]
    assert (quote.speaker, quote.role) == ("Sumiati", "Ibunda korban")


def test_a_city_after_a_role_stays_with_the_role(nlp):
    text = "”Jalan itu akan diperbaiki tahun ini,” kata Wali Kota Bandung Yana Mulyana."
    quote = nlp(text)._.quotes[0]
    assert (quote.speaker, quote.role) == ("Yana Mulyana", "Wali Kota Bandung")


def test_a_one_word_name_with_an_age_opens_a_sentence_then_its_role(nlp):
    text = (
        "Jatra (53), sopir angkot jurusan Pasar Minggu, meminta penumpang saling menjaga jarak.\n"
        "”Kalau terlalu dekat nanti tertular,” ujarnya."
    )
    assert [quote.speaker for quote in nlp(text)._.quotes] == ["Jatra", "Jatra"]


def test_a_kin_noun_right_before_a_name_makes_the_relative_the_speaker(nlp):
    text = "”Dia pulang larut malam setiap hari,” kata suami Neni."
    assert nlp(text)._.quotes[0].speaker == "suami Neni"


def test_a_place_after_warga_is_not_a_name(nlp):
    text = "”Airnya sudah setinggi lutut,” kata warga Kampung Pulo."
    assert nlp(text)._.quotes[0].speaker == "warga Kampung Pulo"


def test_an_indefinite_role_is_someone_new(nlp):
    text = (
        "Budi Santoso, warga Kelurahan Cempaka Putih, mengatakan banjir datang tengah malam.\n"
        "”Air naik cepat sekali, kami tidak sempat menyelamatkan barang,” kata seorang warga lain."
    )
    assert nlp(text)._.quotes[-1].speaker != "Budi Santoso"


def test_a_name_inside_the_describing_clause_is_someone_else(nlp):
    text = "”Dulu ramai orang mengaji di sini,” kata warga Betawi yang berkerabat dengan Haji Demar."
    assert nlp(text)._.quotes[0].speaker == "warga Betawi yang berkerabat dengan Haji Demar"


def test_an_age_in_brackets_is_not_the_role(nlp):
    text = "Seorang warga, Siti Rahmawati (45), mengaku senang mendengar kabar itu."
    quote = nlp(text)._.quotes[0]
    assert (quote.speaker, quote.role) == ("Siti Rahmawati", "warga")


def test_a_place_between_the_role_and_a_rank_belongs_to_the_role(nlp):
    text = (
        "Kapolda Jawa Timur Irjen Pol Hendra Kusuma mengatakan, tersangka ditangkap di Surabaya.\n"
        "Kata Kapolda, penyidik masih menelusuri aliran dana para tersangka."
    )
    first, second = nlp(text)._.quotes
    assert (first.speaker, first.role) == ("Hendra Kusuma", "Kapolda Jawa Timur")
    assert (second.speaker, second.mention_text) == ("Hendra Kusuma", "Kapolda")


def test_an_abbreviated_role_names_the_person_introduced_with_it_in_full(nlp):
    text = (
        "Menteri Koordinator Bidang Perekonomian Rudy Santoso mengatakan, ekspor naik pada awal tahun.\n"
        "Menurut Menko, pemerintah juga tengah menyiapkan paket deregulasi."
    )
    assert [(q.speaker, q.mention_text) for q in nlp(text)._.quotes] == [
        ("Rudy Santoso", "Rudy Santoso"),
        ("Rudy Santoso", "Menko"),
    ]


def test_words_spelled_out_by_a_bracketed_acronym_are_an_organisation(last_quote):
    q = last_quote("Badan Nasional Penanggulangan Bencana (BNPB) menyebut sedikitnya 12 rumah rusak berat.")
    assert (q.speaker, q.role) == ("Badan Nasional Penanggulangan Bencana", "")


def test_role_acronym_matches_the_acronym_in_brackets_of_the_full_role(nlp):
    # The model writes the role with its brackets: "Gubernur Bank Indonesia (BI)".
    from quotes.components.attributor.people import People, PersonMention
    from quotes.components.attributor.resolution import resolve_role
    from quotes.lang.phrases import ORG, ROLE, Phrase

    doc = nlp.make_doc("Gubernur BI mengatakan rupiah akan stabil.")
    governor = PersonMention(10, ("wahyu", "tjandrawinata"), "Wahyu Tjandrawinata", "Gubernur Bank Indonesia (BI)")
    found = resolve_role(Phrase(doc[0:2], [ROLE, ORG]), People([governor]), headline=True)
    assert found is governor


def test_a_run_after_a_place_noun_is_a_place_not_the_speaker(last_quote):
    text = (
        "Rosmawati Harahap masih ingat suara gemuruh dari arah bukit sebelum air bah menerjang "
        "kampungnya di Desa Sipenggeng, Kecamatan Batang Toru.\n\n"
        "“Air datang seperti tembok lumpur,” kata perempuan berusia 47 tahun itu kepada BBC News Indonesia."
    )
    assert last_quote(text).speaker == "Rosmawati Harahap"


def test_the_place_after_a_roles_place_noun_is_not_the_name(last_quote):
    q = last_quote("Wali Kota Tangerang Selatan Benyamin Davnie menegaskan sekolah tetap dibuka.")
    assert (q.speaker, q.role) == ("Benyamin Davnie", "Wali Kota Tangerang Selatan")
    # A place of two words is known as one where the article also writes it after 'di'.
    q = last_quote(
        "Rumah seorang warga di Boven Digoel dibakar massa. "
        "Ketua Bawaslu Kabupaten Boven Digoel Frans Asek mengatakan rumah itu dibakar.\n\n”Kami sudah melapor,” ungkap Frans."
    )
    assert q.speaker == "Frans Asek"


def test_a_lowercase_place_noun_is_a_description_and_the_whole_name_follows(last_quote):
    q = last_quote('"Jalannya rusak parah," kata warga desa Ahmad Fauzi Rahman.')
    assert (q.speaker, q.role) == ("Ahmad Fauzi Rahman", "warga desa")


def test_metro_in_a_police_command_is_part_of_the_role(last_quote):
    q = last_quote(
        "Kapolres Metro Jakarta Selatan Kombes Ade Rahmat Idnal mengatakan pelaku sudah ditangkap. "
        '"Pelaku kami tangkap di rumahnya," kata Kapolres.'
    )
    assert q.speaker == "Ade Rahmat Idnal"


def test_the_metropolitan_police_command_speaking_in_a_headline_is_an_organisation(nlp):
    text = "Polda Metro Jaya: Pelaku Sudah Ditangkap\n\nPolda Metro Jaya menangkap pelaku penipuan di Jakarta Barat."
    q = nlp(text)._.quotes[0]
    assert (q.speaker, q.role) == ("Polda Metro Jaya", "")


def test_a_first_name_the_article_uses_alone_is_where_the_name_starts(last_quote):
    q = last_quote(
        "Ketua Pusat Studi Lingkungan Universitas Gadjah Mada Rina Kusuma Dewi mengatakan, sungai di Yogyakarta tercemar.\n\n"
        "”Limbahnya dibuang tanpa diolah,” kata Rina."
    )
    assert (q.speaker, q.role) == ("Rina Kusuma Dewi", "Ketua Pusat Studi Lingkungan Universitas Gadjah Mada")


def test_a_name_particle_stays_with_the_name_the_person_is_called_by(last_quote):
    q = last_quote(
        "Kepala Dinas Pariwisata Bali I Made Bayu Sutha mengatakan, turis mulai datang.\n\n”Hotel sudah penuh,” kata Bayu."
    )
    assert q.speaker == "I Made Bayu Sutha"


def test_a_short_organisation_written_as_a_name_is_part_of_the_name(nlp):
    # 'AS' is the United States; 'As' and 'Ma' in a name are names.
    text = (
        "”Penurunan dilakukan bertahap sampai April 2022,” ujar Sekretaris Perusahaan Bank Mandiri Rudi As Aturridha.\n\n"
        "Lebih lanjut, menurut Rudi, kredit macet turun."
    )
    assert {q.speaker for q in nlp(text)._.quotes} == {"Rudi As Aturridha"}
    assert (nlp("”Kami akan terus berinovasi,” kata pengusaha Jack Ma.")._.quotes[-1].speaker) == "Jack Ma"
    assert nlp("”Kami mendukung Ukraina,” kata Presiden AS Joe Biden.")._.quotes[-1].role == "Presiden AS"


def test_a_name_after_a_rank_stays_whole_when_the_person_is_called_by_a_middle_name(last_quote):
    q = last_quote(
        "Kepala Bidang Humas Polda Sumbar Komisaris Besar Stefanus Satake Bayu Setianto mengatakan, pelaku ditangkap.\n\n"
        "”Semua pelaku sudah ditetapkan sebagai tersangka,” ujar Satake."
    )
    assert q.speaker == "Stefanus Satake Bayu Setianto"
