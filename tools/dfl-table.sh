#!/usr/bin/env bash
# The decision-focused learning table of docs/EXPERIMENTS.md: every `imle ilp` estimator on PyEPO's
# shortest path (5 x 5 grid), 2-D knapsack (32 items) and TSP (20 nodes), seeds 1-3, with the
# settings of PyEPO's benchmark notebook (linear model, Adam 0.01, batch 32, costs unscaled): the
# shortest path with 1000 + 1000 instances and 20 epochs as the notebook, the knapsack with 100 +
# 100 and 20 epochs, the TSP with 50 + 20, 3 epochs and solve ratio 0.1 (CP-SAT takes about
# 0.1 s a tour on this kind of machine; these sizes keep the table within an hour). Resumable: a run whose summary.json exists is
# skipped, so an interrupted table continues where it stopped. Prints one progress line per run
# on stderr and the table (`imle ilp-report`) at the end.
#
# Usage: tools/dfl-table.sh OUT [DATA]
#   OUT   where the runs' --out directories go (OUT/<problem>/<estimator>-s<seed>)
#   DATA  optional: PyEPO-layout instances DATA/sp5-s<seed>, DATA/ks32-s<seed>, DATA/tsp20-s<seed>
#         (train_x.npy, train_c.npy, test_x.npy, test_c.npy; weights.npy and capacity for the
#         knapsack), e.g. written with PyEPO's own generators; without DATA, imle's generators of
#         the same laws make the instances from the seed.
# Environment: PROBLEMS (default "sp ks tsp"), SEEDS (default "1 2 3"), ESTIMATORS (default: all),
#              TSP_EPOCHS (default 3), TSP_SOLVE_RATIO (default 0.1), IMLE (default ./imle).
set -euo pipefail
out="${1:?usage: tools/dfl-table.sh OUT [DATA]}"
data="${2:-}"
imle="${IMLE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/imle}"
problems="${PROBLEMS:-sp ks tsp}"
seeds="${SEEDS:-1 2 3}"
estimators="${ESTIMATORS:-mse spo+ pg perturbed dpo-pyepo fenchel-young imle-pyepo aimle-pyepo imle aimle blackbox nid nce cmap ltr-pointwise ltr-pairwise ltr-listwise ssvm dbb-pyepo nce-pyepo cmap-pyepo ltr-pointwise-pyepo ltr-pairwise-pyepo ltr-listwise-pyepo}"

# PyEPO's notebook: DPO, I-MLE and AIMLE with 3 samples under an L1 loss between solutions, DBB with
# lambda 20 (dbb-pyepo on PyEPO's L1 of the objective, blackbox on the regret), the pool losses with
# solve ratio 0.05 (the *-pyepo ones with one solve decision per batch, as PyEPO); imle's own
# imle/aimle rows train on the regret.
flags_of() {
  case "$1" in
    perturbed) echo "--samples 3 --temperature 1 --task-loss hamming" ;;
    dpo-pyepo) echo "--task-loss hamming" ;;
    fenchel-young) echo "--samples 3 --temperature 1" ;;
    # PyEPO steps lambda along dL/d(mean of its 3 samples), 3 times imle's per-sample dL/dz: lambda 3 x 10
    imle-pyepo) echo "--task-loss hamming --lambda 30" ;;
    aimle-pyepo) echo "--task-loss hamming" ;;
    blackbox|dbb-pyepo) echo "--lambda 20" ;;
    nce|cmap|ltr-pointwise|ltr-pairwise|ltr-listwise) echo "--solve-ratio 0.05" ;;
    nce-pyepo|cmap-pyepo|ltr-pointwise-pyepo|ltr-pairwise-pyepo|ltr-listwise-pyepo) echo "--solve-ratio 0.05" ;;
    *) echo "" ;;
  esac
}

problem_flags() {
  local seed="$2"
  case "$1" in
    sp) echo "--problem shortest-path --grid 5 --epochs 20" ;;
    ks) echo "--problem knapsack --items 32 --epochs 20" ;;
    tsp) echo "--problem tsp --nodes 20 --epochs ${TSP_EPOCHS:-3}" ;;
  esac
  if [[ -n "$data" ]]; then
    case "$1" in sp) echo "--data $data/sp5-s$seed" ;; ks) echo "--data $data/ks32-s$seed" ;;
      tsp) echo "--data $data/tsp20-s$seed" ;; esac
  else
    case "$1" in sp) echo "--train 1000 --test 1000" ;; ks) echo "--train 100 --test 100" ;;
      tsp) echo "--train 50 --test 20 --features 10" ;; esac
  fi
}

total=0
for p in $problems; do for e in $estimators; do for s in $seeds; do total=$((total + 1)); done; done; done
done_count=0
for p in $problems; do
  for e in $estimators; do
    for s in $seeds; do
      done_count=$((done_count + 1))
      dir="$out/$p/$e-s$s"
      if [[ -f "$dir/summary.json" ]]; then
        echo "[$done_count/$total] $p $e seed $s: done before, skipped" >&2
        continue
      fi
      extra="$(flags_of "$e")"
      if [[ "$p" == tsp && "$extra" != *--solve-ratio* ]]; then
        extra="$extra --solve-ratio ${TSP_SOLVE_RATIO:-0.1}"
      fi
      echo "[$done_count/$total] $p $e seed $s" >&2
      # shellcheck disable=SC2046
      "$imle" ilp $(problem_flags "$p" "$s") --estimator "$e" $extra --lr 0.01 --batch 32 --no-target-scaling \
        --seed "$s" --threads 1 --out "$dir" > /dev/null
    done
  done
done
"$imle" ilp-report "$out"
