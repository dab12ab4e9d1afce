// The formulas lvs-validate holds the simulation against, checked against
// values worked by hand.
#include "analysis/validation/queueing-theory.h"

#include <cmath>
#include <gtest/gtest.h>

namespace lvs::theory
{
namespace
{

TEST(QueueingTheory, MM1IsOneOverMuMinusLambda)
{
    EXPECT_DOUBLE_EQ(MM1Sojourn(25, 50), 0.04);
    EXPECT_EQ(MM1Sojourn(50, 50), kUnstable);
}

TEST(QueueingTheory, ErlangCForTwoServersAtHalfLoad)
{
    // a = 1 Erlang on 2 servers: C = (a^2/2 * 2/(2-a)) / (1 + a + 1) = 1/3.
    EXPECT_NEAR(ErlangC(2, 1.0, 1.0), 1.0 / 3.0, 1e-12);
    // W = C / (k mu - lambda) + 1/mu = 1/3 + 1.
    EXPECT_NEAR(MMkSojourn(2, 1.0, 1.0), 4.0 / 3.0, 1e-12);
}

TEST(QueueingTheory, MMkWithOneServerIsMM1)
{
    EXPECT_NEAR(MMkSojourn(1, 30, 50), MM1Sojourn(30, 50), 1e-12);
}

TEST(QueueingTheory, MMkStaysFiniteForManyServers)
{
    // 256 servers at rho 0.9: no overflow in a^k/k!, and better than M/M/1.
    double w = MMkSojourn(256, 0.9 * 256 * 50, 50);
    EXPECT_TRUE(std::isfinite(w));
    EXPECT_GT(w, 1.0 / 50);
    EXPECT_LT(w, MM1Sojourn(0.9 * 50, 50));
}

TEST(QueueingTheory, E1M1IsMM1)
{
    // Round robin over one server passes the Poisson stream as it is.
    EXPECT_NEAR(ErlangKSigma(1, 30, 50), 0.6, 1e-10);
    EXPECT_NEAR(EkM1Sojourn(1, 30, 50), MM1Sojourn(30, 50), 1e-10);
}

TEST(QueueingTheory, SigmaIsFoundEvenAtTheEdgeOfStability)
{
    // For E_1/M/1 sigma is rho itself; near rho = 1 an iteration would crawl.
    EXPECT_NEAR(ErlangKSigma(1, 0.9999 * 50, 50), 0.9999, 1e-9);
    EXPECT_NEAR(EkM1Sojourn(1, 0.9999 * 50, 50), MM1Sojourn(0.9999 * 50, 50), 1e-3);
}

TEST(QueueingTheory, E2M1AtHalfLoadIsTheGoldenRatio)
{
    // lambda = mu = 1, k = 2: sigma (2 - sigma)^2 = 1, whose root in (0,1) is
    // (3 - sqrt 5) / 2; the time in system 1 / (1 - sigma) is the golden ratio.
    EXPECT_NEAR(ErlangKSigma(2, 1, 1), (3 - std::sqrt(5.0)) / 2, 1e-10);
    EXPECT_NEAR(EkM1Sojourn(2, 1, 1), (1 + std::sqrt(5.0)) / 2, 1e-10);
}

TEST(QueueingTheory, RoundRobinBeatsRandomAndLosesToOneQueue)
{
    for (unsigned k : {2u, 4u, 16u})
    {
        for (double rho : {0.5, 0.7, 0.9})
        {
            double lambda = rho * k * 50;
            double random = MM1Sojourn(lambda / k, 50);
            double rr = EkM1Sojourn(k, lambda, 50);
            double shared = MMkSojourn(k, lambda, 50);
            EXPECT_LT(rr, random) << k << " servers at " << rho;
            EXPECT_LT(shared, rr) << k << " servers at " << rho;
        }
    }
}

TEST(QueueingTheory, RandomSplitOfEqualSharesIsMM1PerServer)
{
    EXPECT_NEAR(RandomSplitSojourn(100, {0.25, 0.25, 0.25, 0.25}, {50, 50, 50, 50}),
                MM1Sojourn(25, 50),
                1e-12);
    // Proportional to the rates: every server at the same load, 1/(mu_i(1-rho)).
    EXPECT_NEAR(RandomSplitSojourn(75, {2.0 / 3, 1.0 / 3}, {100, 50}),
                2.0 / 3 * 0.02 + 1.0 / 3 * 0.04,
                1e-12);
    EXPECT_EQ(RandomSplitSojourn(100, {0.6, 0.4}, {50, 50}), kUnstable);
}

TEST(QueueingTheory, SupermarketModelMatchesMitzenmacher)
{
    // d = 1 is M/M/1; d = 2 at lambda = 0.5: 1 + 0.5^2 + 0.5^6 + 0.5^14 + ...
    EXPECT_NEAR(SupermarketSojourn(1, 0.9, 1), 10.0, 1e-12);
    EXPECT_NEAR(SupermarketSojourn(2, 0.5, 1), 1.2656860, 1e-6);
    // At 0.9 two choices cut the time in system from 10 to about 2.6.
    EXPECT_NEAR(SupermarketSojourn(2, 0.9, 1), 2.6141, 1e-3);
    EXPECT_NEAR(SupermarketSojourn(2, 0.5, 50), 1.2656860 / 50, 1e-8);
}

} // namespace
} // namespace lvs::theory
