"""The refusal tree: rows that read alike find the refusal; rows that read otherwise do not."""

from __future__ import annotations

from asnkit.generate.constraints import Work
from asnkit.generate.refusals import EXACT, PRESENT, Recorder, RefusalTree, Replay

REFUSED: Replay = [(True, Work.EXISTING, False)]


def _record(row: dict[str, str], reads: list[tuple[str, object, int]]) -> Recorder:
    recorder = Recorder(row, None)
    for key, mode, node in reads:
        recorder.read(key, mode, node)
    return recorder


def test_a_cell_only_bound_counts_by_whether_it_is_set() -> None:
    tree = RefusalTree()
    recorder = _record({"filter": "f090w", "exp_type": "nrc_image"}, [("filter", PRESENT, 1)])
    recorder.get("exp_type")
    tree.insert(recorder.path, REFUSED)
    assert tree.find({"filter": "f444w", "exp_type": "nrc_image"}, None) == REFUSED
    assert tree.find({"filter": "null", "exp_type": "nrc_image"}, None) is None
    assert tree.find({"filter": "f444w", "exp_type": "mir_image"}, None) is None


def test_a_compared_cell_counts_by_whether_it_matches() -> None:
    tree = RefusalTree()
    recorder = _record({"exp_type": "mir_image"}, [("exp_type", "nrc_image|nis_image", 1)])
    tree.insert(recorder.path, REFUSED)
    assert tree.find({"exp_type": "fgs_image"}, None) == REFUSED
    assert tree.find({"exp_type": "NIS_IMAGE".lower()}, None) is None


def test_a_cell_read_back_counts_exactly() -> None:
    recorder = _record({"obs_num": "1"}, [("obs_num", PRESENT, 7)])
    recorder.read_back(7)
    assert recorder.path == [("obs_num", "1", EXACT)]
    tree = RefusalTree()
    tree.insert(recorder.path, REFUSED)
    assert tree.find({"obs_num": "1"}, None) == REFUSED
    assert tree.find({"obs_num": "2"}, None) is None


def test_a_cell_read_in_two_modes_counts_exactly() -> None:
    recorder = _record({"targetid": "3"}, [("targetid", PRESENT, 1), ("targetid", "1|2", 2)])
    assert recorder.path == [("targetid", "3", EXACT)]


def test_a_node_contradicted_by_a_later_check_counts_exactly_from_then_on() -> None:
    tree = RefusalTree()
    loose = _record({"filter": "f090w", "pupil": "clear"}, [("filter", PRESENT, 1)])
    loose.get("pupil")
    tree.insert(loose.path, REFUSED)
    exact = Recorder({"filter": "f150w", "pupil": "clear"}, None)
    exact.get("filter")
    tree.insert(exact.path, [])
    assert tree.find({"filter": "f150w", "pupil": "clear"}, None) == []
    # What was filed loosely is forgotten, not taken for every filter.
    assert tree.find({"filter": "f090w", "pupil": "clear"}, None) is None


def test_under_a_candidate_the_candidate_column_counts_by_its_type() -> None:
    marker = "[('o001', 'observation')]"
    recorder = Recorder({"asn_candidate": marker}, "observation")
    recorder.read("asn_candidate", PRESENT, 1)
    tree = RefusalTree()
    tree.insert(recorder.path, REFUSED)
    assert tree.find({"asn_candidate": "[('o002', 'observation')]"}, "observation") == REFUSED
    assert tree.find({"asn_candidate": "[('c1000', 'background')]"}, "background") is None
