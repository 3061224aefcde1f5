"""'-nya' and 'Ia/dia' quotes after a new source is introduced with a role
(DESIGN pattern 3: the speaker is the person last speaking or last introduced).
Sentences written for these tests in the style of Indonesian news."""

from __future__ import annotations


def test_clitic_after_a_source_introduced_by_role_and_name(last_quote):
    text = (
        "”Harga gabah di tingkat petani masih rendah,” kata Kepala Dinas Pertanian Jawa Tengah Supriyanto.\n"
        "Sementara itu, Direktur Jenderal Tanaman Pangan Kementerian Pertanian Suwandi menilai "
        "pasokan beras nasional hingga akhir tahun aman.\n"
        "”Stok di gudang Bulog masih lebih dari satu juta ton,” ujarnya."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text) == ("Suwandi", "nya")


def test_clitic_after_an_introduced_source_without_a_speech_verb(last_quote):
    text = (
        "”Kami menolak rencana itu,” kata Said Iqbal, ketua umum partai itu.\n"
        "Sekretaris Jenderal Partai Solidaritas Indonesia Andi Saputra juga sepakat dengan keputusan KPU tersebut.\n"
        "”Waktunya terlalu sempit untuk verifikasi faktual,” tuturnya."
    )
    assert last_quote(text).speaker == "Andi Saputra"


def test_clitic_after_name_then_appositive_role(last_quote):
    text = (
        "”Pengunjung wajib memesan tiket secara daring,” kata Kepala Humas Kebun Binatang Ragunan Wahyudi Bambang.\n"
        "Rina Suryani, kepala bagian komunikasi perusahaan PT Taman Wisata Candi, menjelaskan aturan serupa berlaku di candi.\n"
        "”Kami membatasi pengunjung hingga 50 persen kapasitas,” ujarnya."
    )
    assert last_quote(text).speaker == "Rina Suryani"


def test_clitic_keeps_the_current_speaker_when_no_one_new_is_introduced(last_quote):
    text = (
        "”Kami akan menambah armada bus,” kata Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo.\n"
        "Penambahan armada dilakukan menjelang libur panjang. Rute ke Bogor dan Bekasi juga dibuka kembali.\n"
        "”Penumpang diminta tetap memakai masker,” ujarnya."
    )
    assert last_quote(text).speaker == "Syafrin Liputo"


def test_clitic_ignores_a_role_holder_mentioned_in_passing(last_quote):
    text = (
        "”Kami akan menambah armada bus,” kata Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo.\n"
        "Rencana itu sudah dilaporkan kepada Gubernur DKI Jakarta Anies Baswedan pekan lalu.\n"
        "”Penumpang diminta tetap memakai masker,” ujarnya."
    )
    assert last_quote(text).speaker == "Syafrin Liputo"


def test_pronoun_after_a_source_introduced_by_role_and_name(last_quote):
    text = (
        "”Kasus baru masih bertambah,” kata Juru Bicara Satgas Covid-19 Budi Hartono.\n"
        "Kepala Kepolisian Sektor Mampang Prapatan Komisaris Besar Budi Sartono menyampaikan polisi datang ke rumah itu.\n"
        "”Itu acara keluarga dan tidak mengundang siapa-siapa,” kata dia."
    )
    assert last_quote(text).speaker == "Budi Sartono"


def test_clitic_after_a_continuation_paragraph(last_quote):
    text = (
        "”Kami akan menambah armada bus,” kata Kepala Dinas Perhubungan DKI Jakarta Syafrin Liputo.\n"
        "”Jadwal keberangkatan juga akan ditambah mulai pekan depan.”\n"
        "”Penumpang diminta tetap memakai masker,” ujarnya."
    )
    assert last_quote(text).speaker == "Syafrin Liputo"


def test_clitic_after_a_source_named_with_an_age_between_descriptions(last_quote):
    text = (
        "Korban lain juga melapor ke polisi, kata kuasa hukum para korban Erlangga Putra Wicaksana.\n\n"
        "Salah satu korban, Marlina (52), warga Bekasi, mengaku kehilangan Rp850 juta.\n\n"
        "“Awalnya saya cuma coba Rp10 juta. Akhirnya saya tambah terus, sampai jual tanah,” katanya kepada Okezone."
    )
    assert last_quote(text).speaker == "Marlina"


def test_a_pronoun_after_menurut_takes_no_apposition(last_quote):
    text = (
        "Syahrul mengingatkan jamaah agar melunasi biaya hanya melalui bank resmi. "
        "Menurut dia, Kemenhaj tidak pernah meminta jamaah mentransfer dana ke rekening pribadi."
    )
    q = last_quote(text)
    assert (q.speaker, q.mention_text, q.text) == ("Syahrul", "dia", "Kemenhaj tidak pernah meminta jamaah mentransfer dana ke rekening pribadi")
