#!/usr/bin/env python3
"""Writes core/src/test/resources/baselines/logistic_regression.json: reference solutions of L2 logistic regression
for org.recurrent.baselines.LogisticRegression.

Run from the repository root:  python3 tools/make_baseline_fixtures.py   (needs numpy; tested with 2.4)

The objective is scikit-learn's LogisticRegression(penalty="l2", C=C) with an unpenalised intercept
(solvers lbfgs / newton-cg):
    J(w, b) = 1/2 ||w||^2 + C sum_i log(1 + exp(-s_i (w . x_i + b))),   s_i = 2 y_i - 1
It is minimised here independently of the Java code: full Newton steps with the exact (d+1, d+1) Hessian solved by
numpy.linalg.solve, with step halving, until the gradient's max norm is below 1e-13 times
its value at theta = 0. Each case keeps
its inputs (rounded to 6 decimals, then used exactly as stored), C, the coefficients, the intercept and J.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources",
                   "baselines", "logistic_regression.json")


def objective(X, y, C, theta):
    w, b = theta[:-1], theta[-1]
    z = X @ w + b
    s = 2 * y - 1
    return 0.5 * w @ w + C * np.logaddexp(0, -s * z).sum()


def fit(X, y, C):
    n, d = X.shape
    theta = np.zeros(d + 1)
    Xb = np.hstack([X, np.ones((n, 1))])
    reg = np.eye(d + 1)
    reg[d, d] = 0                                   # intercept not penalised
    g0 = None
    for _ in range(200):
        p = 1 / (1 + np.exp(-(Xb @ theta)))
        grad = reg @ theta + C * Xb.T @ (p - y)
        g0 = np.abs(grad).max() if g0 is None else g0
        if np.abs(grad).max() < 1e-13 * max(1.0, g0):
            return theta
        H = reg + C * (Xb.T * (p * (1 - p))) @ Xb
        step = np.linalg.solve(H, -grad)
        t, J = 1.0, objective(X, y, C, theta)
        while objective(X, y, C, theta + t * step) > J + 1e-12 * abs(J) and t > 1e-12:  # rounding slack
            t /= 2
        theta = theta + t * step
    raise RuntimeError("Newton did not converge")


def case(name, seed, n, d, C, positive_rate=0.5, constant_column=False, scale=1.0):
    rng = np.random.default_rng(seed)
    X = np.round(rng.normal(size=(n, d)) * scale, 6)
    if constant_column:
        X[:, 0] = 2.5
    true_w = rng.normal(size=d)
    logits = X @ true_w + np.log(positive_rate / (1 - positive_rate))
    y = (rng.random(n) < 1 / (1 + np.exp(-logits))).astype(np.int64)
    assert 0 < y.sum() < n
    theta = fit(X, y, C)
    return {"name": name, "C": C, "x": X.tolist(), "y": y.tolist(),
            "coef": theta[:-1].tolist(), "intercept": float(theta[-1]),
            "objective": float(objective(X, y, C, theta))}


def main():
    cases = [
        case("balanced_c1", 1, 40, 5, 1.0),
        case("strong_penalty_c0.01", 2, 60, 4, 0.01),
        case("weak_penalty_c100", 3, 30, 3, 100.0),
        case("imbalanced_c0.5", 4, 80, 6, 0.5, positive_rate=0.15),
        case("constant_column_c2", 5, 50, 4, 2.0, constant_column=True),
        case("wide_d_gt_n_c1", 6, 12, 20, 1.0),
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/make_baseline_fixtures.py", "numpy": np.__version__, "cases": cases}, f,
                  indent=1)
        f.write("\n")
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
