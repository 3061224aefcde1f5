"""The quote-table scores of DESIGN on a hand-made gold table."""

from __future__ import annotations

from quotes.scoring import score


def gold_row(quote: str, speaker: str) -> dict:
    return {"file": "a.txt", "quote": quote, "type": "direct", "speaker": speaker}


def predicted_row(quote: str, speaker: str) -> dict:
    return {"doc_id": "a.txt", "quote": quote, "quote_type": "direct", "speaker": speaker}


def test_exact_names_are_counted_apart_from_right_speakers() -> None:
    gold = [
        gold_row("Dapur umum sudah siap di setiap kecamatan", "Danang Wicaksono"),
        gold_row("Izin usaha kini terbit dalam tiga hari", "Rahmad Siregar"),
        gold_row("Kami menolak rencana itu", "Said Iqbal"),
    ]
    predicted = [
        predicted_row("Dapur umum sudah siap di setiap kecamatan", "Danang Wicaksono"),
        # The subset match accepts the place run into the name; the exact count does not.
        predicted_row("Izin usaha kini terbit dalam tiga hari", "Modal Rahmad Siregar"),
        predicted_row("Kami menolak rencana itu", "Andi Saputra"),
    ]
    scores = score(gold, predicted)
    assert (scores.matched, scores.attributable, scores.speaker_right, scores.speaker_exact) == (3, 3, 2, 1)
    assert round(scores.attribution_accuracy, 3) == 0.667
    assert round(scores.exact_name_accuracy, 3) == 0.333
    assert scores.as_dict()["exact_name_accuracy"] == 0.3333


def test_a_rank_written_out_is_dropped_like_a_title() -> None:
    gold = [gold_row("Pelaku sudah kami tangkap", "Ajun Komisaris Besar Yusri Yunus")]
    scores = score(gold, [predicted_row("Pelaku sudah kami tangkap", "Yusri Yunus")])
    assert (scores.speaker_right, scores.speaker_exact) == (1, 1)
