// Closed-form queueing results that lvs-validate compares the simulated
// cluster against.  Plain C++ (no ns-3): rates are per second, times in
// seconds, one server per queue unless a function says otherwise.
//
// Sources: Kleinrock, Queueing Systems vol. 1 (M/M/1, M/M/k with Erlang's C
// formula, GI/M/1 with its root sigma); Mitzenmacher, "The power of two
// choices in randomized load balancing", IEEE TPDS 12(10), 2001 (the
// supermarket model's mean time in system).
#ifndef LVS_QUEUEING_THEORY_H
#define LVS_QUEUEING_THEORY_H

#include <limits>
#include <vector>

namespace lvs
{
namespace theory
{

/// "The queue grows without bound": what every function returns at load >= 1.
constexpr double kUnstable = std::numeric_limits<double>::infinity();

/// Mean time in system of M/M/1: 1 / (mu - lambda).
double MM1Sojourn(double lambda, double mu);

/// Erlang's C formula: the probability that an arrival to M/M/k waits.
double ErlangC(unsigned k, double lambda, double mu);

/// Mean time in system of M/M/k (one shared queue, k servers of rate mu).
double MMkSojourn(unsigned k, double lambda, double mu);

/// GI/M/1's sigma: the root in (0, 1) of sigma = A*(mu (1 - sigma)) for
/// Erlang-k interarrival times of rate lambda each (every k-th arrival of a
/// Poisson stream of rate lambda, which is what round robin over k servers
/// gives each server).  Solved by fixed-point iteration.
double ErlangKSigma(unsigned k, double lambda, double mu);

/// Mean time in system of E_k/M/1, the queue of one of k servers fed in
/// turn from a Poisson stream of rate lambda: 1 / (mu (1 - sigma)).
double EkM1Sojourn(unsigned k, double lambda, double mu);

/// Mean time in system when a Poisson stream of rate lambda is split at
/// random, server i taking the fraction share[i] and serving at mu[i]: each
/// server is M/M/1, and a request sees server i with probability share[i].
double RandomSplitSojourn(double lambda,
                          const std::vector<double>& share,
                          const std::vector<double>& mu);

/// Mean time in system of the supermarket model (N -> infinity servers of
/// rate mu, arrivals at rho * mu per server, each joining the shortest of d
/// queues chosen at random): sum over i >= 1 of rho^((d^i - d) / (d - 1)),
/// in units of 1/mu.  d = 1 is M/M/1: 1 / (1 - rho).
double SupermarketSojourn(unsigned d, double rho, double mu);

} // namespace theory
} // namespace lvs

#endif
