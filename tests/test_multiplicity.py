"""prtlib.stats.multiplicity against statsmodels' multipletests, an independent implementation."""

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests

from prtlib.stats import multiplicity

STATSMODELS_NAME = {"bonferroni": "bonferroni", "holm": "holm", "fdr_bh": "fdr_bh"}


@pytest.mark.parametrize("method", list(multiplicity.METHODS))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adjusted_values_match_statsmodels(method, seed):
    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(0, 1, 40), rng.uniform(0, 0.01, 10), [0.02, 0.02]])
    reject, expected, _, _ = multipletests(p, alpha=0.05, method=STATSMODELS_NAME[method])
    np.testing.assert_allclose(multiplicity.adjust(p, method), expected, rtol=1e-12)
    assert (multiplicity.reject(p, method, 0.05) == reject).all()


@pytest.mark.parametrize("method", list(multiplicity.METHODS))
def test_each_row_is_its_own_family_along_an_axis(method):
    rng = np.random.default_rng(7)
    p = rng.uniform(0, 0.1, size=(5, 3))
    rows = multiplicity.adjust(p, method, axis=1)
    cols = multiplicity.adjust(p.T, method, axis=0)
    for i in range(5):
        expected = multipletests(p[i], method=STATSMODELS_NAME[method])[1]
        np.testing.assert_allclose(rows[i], expected, rtol=1e-12)
    np.testing.assert_allclose(cols, rows.T)


def test_a_map_keeps_its_shape_and_is_one_family():
    p = np.linspace(0.0001, 0.2, 12).reshape(3, 4)
    adjusted = multiplicity.adjust(p, "bonferroni")
    assert adjusted.shape == (3, 4)
    np.testing.assert_allclose(adjusted, np.minimum(1, 12 * p))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"p": [0.1, 1.2], "method": "holm"}, "p must be an array of probabilities in \\[0, 1\\]"),
    ({"p": [0.1, 0.2], "method": "sidak"}, "method must be one of 'bonferroni', 'holm', 'fdr_bh'; got 'sidak'"),
    ({"p": [0.1, 0.2], "method": "holm", "axis": 2}, "axis must be None or an axis of p"),
])
def test_bad_input_is_a_value_error_naming_the_parameter(kwargs, message):
    with pytest.raises(ValueError, match=message):
        multiplicity.adjust(**kwargs)


@pytest.mark.parametrize("method", list(multiplicity.METHODS))
def test_decisions_match_statsmodels_on_a_cut_off(method):
    # 0.05 sits exactly on BH's third cut-off (3 x 0.2 / 12) and on Bonferroni's and Holm's
    # cut-offs of other families; statsmodels compares raw p with the cut-offs as well.
    for p, alpha in ([[0.0, 0.0, 0.05] + [1.0] * 9, 0.2], [[0.01, 0.02, 0.03], 0.06],
                     [[0.0125, 0.5, 0.9, 0.9], 0.05]):
        expected = multipletests(p, alpha=alpha, method=STATSMODELS_NAME[method])[0]
        assert multiplicity.reject(p, method, alpha).tolist() == expected.tolist(), (p, alpha)


@pytest.mark.parametrize("method", list(multiplicity.METHODS))
def test_rejections_per_row_match_statsmodels(method):
    rng = np.random.default_rng(3)
    p = rng.uniform(0, 0.08, size=(6, 4))
    rows = multiplicity.reject(p, method, 0.05, axis=1)
    for i in range(6):
        assert rows[i].tolist() == multipletests(p[i], 0.05, STATSMODELS_NAME[method])[0].tolist()
