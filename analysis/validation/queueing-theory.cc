#include "analysis/validation/queueing-theory.h"

#include <cmath>
#include <stdexcept>

namespace lvs
{
namespace theory
{

double
MM1Sojourn(double lambda, double mu)
{
    return lambda < mu ? 1.0 / (mu - lambda) : kUnstable;
}

double
ErlangC(unsigned k, double lambda, double mu)
{
    double a = lambda / mu; // offered load in Erlangs
    if (k == 0 || a >= k)
    {
        return 1.0;
    }
    // Sum a^n/n! for n < k by recurrence, so that large k does not overflow.
    double term = 1.0;
    double sum = 1.0;
    for (unsigned n = 1; n < k; ++n)
    {
        term *= a / n;
        sum += term;
    }
    double last = term * a / k / (1.0 - a / k); // a^k/k! * k/(k-a)
    return last / (sum + last);
}

double
MMkSojourn(unsigned k, double lambda, double mu)
{
    if (k == 0 || lambda >= k * mu)
    {
        return kUnstable;
    }
    return ErlangC(k, lambda, mu) / (k * mu - lambda) + 1.0 / mu;
}

double
ErlangKSigma(unsigned k, double lambda, double mu)
{
    if (k == 0 || lambda >= k * mu)
    {
        throw std::domain_error("E_k/M/1: load must be below 1");
    }
    // f(sigma) = (lambda / (lambda + mu (1 - sigma)))^k - sigma is positive
    // below the root in (0, 1) and negative between it and 1 when
    // lambda / k < mu (sigma = 1 is the other root): bisection finds it at
    // any load below 1, where fixed-point iteration would crawl.
    auto f = [&](double sigma) {
        return std::pow(lambda / (lambda + mu * (1.0 - sigma)), double(k)) - sigma;
    };
    double low = 0.0;
    double high = 1.0;
    for (int i = 0; i < 200 && high - low > 1e-16; ++i)
    {
        double middle = (low + high) / 2;
        (f(middle) > 0 ? low : high) = middle;
    }
    return (low + high) / 2;
}

double
EkM1Sojourn(unsigned k, double lambda, double mu)
{
    if (k == 0 || lambda >= k * mu)
    {
        return kUnstable;
    }
    return 1.0 / (mu * (1.0 - ErlangKSigma(k, lambda, mu)));
}

double
RandomSplitSojourn(double lambda, const std::vector<double>& share, const std::vector<double>& mu)
{
    if (share.size() != mu.size())
    {
        throw std::invalid_argument("one share and one rate per server");
    }
    double sojourn = 0.0;
    for (size_t i = 0; i < share.size(); ++i)
    {
        if (share[i] > 0)
        {
            sojourn += share[i] * MM1Sojourn(share[i] * lambda, mu[i]);
        }
    }
    return sojourn;
}

double
SupermarketSojourn(unsigned d, double rho, double mu)
{
    if (d == 0 || rho >= 1.0)
    {
        return kUnstable;
    }
    if (d == 1)
    {
        return 1.0 / (mu * (1.0 - rho));
    }
    double sum = 0.0;
    double dPower = d; // d^i
    for (int i = 1; i < 64; ++i)
    {
        double exponent = (dPower - d) / (d - 1.0);
        double term = std::pow(rho, exponent);
        sum += term;
        if (term < 1e-16)
        {
            break;
        }
        dPower *= d;
    }
    return sum / mu;
}

} // namespace theory
} // namespace lvs
