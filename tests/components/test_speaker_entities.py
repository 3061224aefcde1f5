"""The model's entities made to agree with the attribution (``quote_attributor``'s ``speaker_entities``).

The model's spans are set by hand, as a model might predict them, so each test
shows one correction on real sentences.
"""

from quotes.components.attributor.entities import speaker_entities
from quotes.components.finder.marks import find_marked_regions
from quotes.components.structure import Regions, sentence_bounds

TEXT = (
    "Menteri Kesehatan Budi Gunadi Sadikin meninjau RSUD Cibinong, Senin. "
    "Direktur RSUD Cibinong Andi Wibowo ikut mendampingi.\n\n"
    "”Stok vaksin cukup sampai akhir tahun,” kata Budi.\n\n"
    "”Saya sudah antre sejak pagi,” kata Siti Aminah (45), warga Cibinong."
)


def entities(nlp, predicted: list[tuple[str, str]], text: str = TEXT) -> set[tuple[str, str]]:
    """Run the rules, give the Doc the ``predicted`` (text, label) spans, and return the corrected ones."""
    doc = nlp(text)
    spans = []
    for text, label in predicted:
        start = doc.text.index(text)
        spans.append(doc.char_span(start, start + len(text), label=label))
    doc.ents = spans
    sentences = sentence_bounds(doc, Regions(doc, find_marked_regions(doc)))
    doc.ents = speaker_entities(doc, doc._.quotes, sentences)  # raises if two of them overlap
    return {(span.text, span.label_) for span in doc.ents}


def test_the_speaker_the_model_missed_gets_a_person_span_and_a_bystander_loses_one(nlp):
    found = entities(nlp, [("Andi Wibowo", "PERSON")])
    assert ("Budi Gunadi Sadikin", "PERSON") in found
    assert ("Andi Wibowo", "PERSON") not in found


def test_a_role_stays_only_beside_a_speaker(nlp):
    found = entities(nlp, [("Menteri Kesehatan", "ROLE"), ("Direktur", "ROLE")])
    assert ("Menteri Kesehatan", "ROLE") in found
    assert ("Direktur", "ROLE") not in found


def test_a_statement_takes_the_quotes_bounds_with_its_marks(nlp):
    found = entities(nlp, [("Stok vaksin cukup", "STATEMENT")])
    assert ("”Stok vaksin cukup sampai akhir tahun,”", "STATEMENT") in found
    assert ("kata", "CUE") in found


def test_the_name_by_a_labelled_quotes_cue_is_a_person_coreference(nlp):
    found = entities(nlp, [("”Stok vaksin cukup sampai akhir tahun,”", "STATEMENT")])
    assert ("Budi", "PERSONCOREF") in found


def test_a_speaker_introduced_with_an_age_is_no_public_figure(nlp):
    found = entities(nlp, [("”Saya sudah antre sejak pagi,”", "STATEMENT"), ("Siti Aminah", "PERSON")])
    assert ("”Saya sudah antre sejak pagi,”", "STATEMENT") not in found
    assert ("Siti Aminah", "PERSON") not in found


def test_a_speaker_known_only_as_a_resident_is_no_public_figure(nlp):
    text = "Banjir merendam 300 rumah di Desa Sejoli.\n\n”Air naik cepat sekali tadi malam,” kata warga Desa Sejoli."
    found = entities(nlp, [("”Air naik cepat sekali tadi malam,”", "STATEMENT"), ("kata", "CUE")], text)
    assert found == set()


def test_a_speakers_person_span_takes_the_rank_before_the_name(nlp):
    text = (
        "Komandan Distrik Militer 1705/Nabire Letnan Kolonel Inf Beny Wahyudi mengatakan, KKB menyerang pos.\n\n"
        "”Kami sudah menambah personel,” kata Beny."
    )
    found = entities(nlp, [("Beny Wahyudi", "PERSON")], text)
    assert ("Letnan Kolonel Inf Beny Wahyudi", "PERSON") in found


def test_a_role_the_model_ran_into_the_speakers_name_ends_where_the_name_starts(nlp):
    text = (
        "Wali Kota Singkawang Tjhai Chui Mie mengatakan, dana kelurahan penting.\n\n"
        "”Dana itu untuk warga,” ujar Tjhai."
    )
    found = entities(nlp, [("Wali Kota Singkawang Tjhai", "ROLE")], text)
    assert ("Wali Kota Singkawang", "ROLE") in found
    assert ("Tjhai Chui Mie", "PERSON") in found


def test_organisation_words_the_model_ran_into_a_name_become_the_affiliation(nlp):
    text = (
        "Direktur Eksekutif Walhi Jawa Timur Wahyu Eka Setyawan mengatakan, sungai tercemar.\n\n"
        "”Limbah dibuang begitu saja,” kata Wahyu."
    )
    found = entities(nlp, [("Direktur Eksekutif", "ROLE"), ("Walhi", "AFFILIATION"), ("Jawa Timur Wahyu Eka Setyawan", "PERSON")], text)
    assert {("Walhi Jawa Timur", "AFFILIATION"), ("Wahyu Eka Setyawan", "PERSON")} <= found


def test_a_title_the_model_left_unlabelled_is_split_into_role_and_affiliation(nlp):
    text = (
        "Kepala Seksi Kedaruratan BPBD Jawa Barat Budi Santoso mengatakan, hujan masih turun.\n\n"
        "”Warga harus waspada,” kata Budi."
    )
    found = entities(nlp, [], text)
    assert {("Kepala Seksi Kedaruratan", "ROLE"), ("BPBD Jawa Barat", "AFFILIATION"), ("Budi Santoso", "PERSON")} <= found


def test_a_territorial_position_keeps_its_place(nlp):
    text = "Gubernur Jawa Timur Khofifah Indar Parawansa meninjau pasar.\n\n”Stok beras aman,” kata Khofifah."
    found = entities(nlp, [], text)
    assert ("Gubernur Jawa Timur", "ROLE") in found
    assert not any(label == "AFFILIATION" for _, label in found)


def test_a_one_word_name_after_a_title_is_the_speakers_introduction(nlp):
    text = (
        "Menteri Sekretariat Negara Pratikno bekerja dari rumah.\n\n"
        "”Selebihnya kerja di rumah,” ujar Pratikno."
    )
    found = entities(nlp, [], text)
    assert ("Pratikno", "PERSON") in found


def test_a_speaker_named_with_a_farmers_apposition_is_no_public_figure(nlp):
    text = (
        "Harga sawit anjlok. Hal ini dialami oleh Andi Triyono, petani kelapa sawit di Banyuasin.\n\n"
        "”Hasilnya tidak mencukupi untuk biaya perawatan,” ujar Andi."
    )
    found = entities(nlp, [("”Hasilnya tidak mencukupi untuk biaya perawatan,”", "STATEMENT"), ("Andi Triyono", "PERSON")], text)
    assert found == set()


def test_titles_held_by_another_entity_stay_out_of_the_speakers_person(nlp):
    found = entities(nlp, [("Ir", "PERSONCOREF"), ("Budi Santoso", "PERSON")], "”Kami siap,” kata Prof Ir Dr Budi Santoso.")
    assert ("Dr Budi Santoso", "PERSON") in found
    assert ("Ir", "PERSONCOREF") in found


def test_a_name_in_a_list_of_guests_is_no_passer_by(nlp):
    text = "Acara dihadiri Bupati Bogor Ade Yasin, warga, dan pedagang.\n\n”Kami siap melayani,” kata Ade Yasin."
    found = entities(nlp, [("”Kami siap melayani,”", "STATEMENT"), ("Ade Yasin", "PERSON")], text)
    assert ("”Kami siap melayani,”", "STATEMENT") in found


def test_the_organisation_between_the_models_position_and_the_name_is_the_affiliation(nlp):
    text = (
        "Kepala BMKG Dwikorita Karnawati mengatakan, musim hujan datang lebih awal.\n\n"
        "”Warga perlu waspada banjir,” kata Dwikorita."
    )
    found = entities(nlp, [("Kepala", "ROLE"), ("Dwikorita Karnawati", "PERSON")], text)
    assert {("Kepala", "ROLE"), ("BMKG", "AFFILIATION"), ("Dwikorita Karnawati", "PERSON")} <= found


def test_a_title_set_off_by_a_comma_gets_its_affiliation(nlp):
    text = "”Kasus baru masih bertambah,” kata ahli epidemiologi Universitas Airlangga, Windhu Purnomo, di Surabaya."
    found = entities(nlp, [("ahli epidemiologi", "ROLE")], text)
    assert ("Universitas Airlangga", "AFFILIATION") in found


def test_an_affiliation_the_model_ended_short_of_the_name_runs_on_to_it(nlp):
    text = (
        "Ketua Bawaslu Kabupaten Boven Digoel Frans Asek mengatakan, rumah itu dibakar.\n\n"
        "”Kami sudah melapor ke polisi,” ungkap Frans."
    )
    found = entities(nlp, [("Ketua", "ROLE"), ("Bawaslu Kabupaten Boven", "AFFILIATION"), ("Frans Asek", "PERSON")], text)
    assert ("Bawaslu Kabupaten Boven Digoel", "AFFILIATION") in found


def test_a_set_off_title_needs_an_organisation_and_no_one_elses_name(nlp):
    # The scene a sentence opens with is no title.
    text = "Dalam rapat dengan Komisi IX DPR, Budi Gunadi Sadikin mengatakan, vaksin cukup.\n\n”Stok kita aman,” kata Budi."
    assert not any(label == "AFFILIATION" for _, label in entities(nlp, [], text))
    # A position without an organisation is left alone, as the model labelled it.
    text = "”Kami menulis dari rumah,” kata penulis naskah Story of Kale, Irfan Ramli."
    assert not any(label == "AFFILIATION" for _, label in entities(nlp, [("penulis naskah", "ROLE")], text))
    # Another person's title.
    text = "Didampingi Kepala Dinas PUPR Iwan Setiawan, Ade Yasin mengatakan, jalan segera diperbaiki.\n\n”Anggarannya sudah ada,” kata Ade."
    assert not any(label == "AFFILIATION" for _, label in entities(nlp, [("Iwan Setiawan", "PERSON")], text))
