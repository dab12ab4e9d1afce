// The Director's processing model on its own: each packet costs exactly
// its per-packet plus per-byte time, packets of one CPU are served in
// arrival order, the input queue is bounded, flows spread over CPUs, and
// the busy time adds up.
#include "model/director-cpu.h"

#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
#include <set>
#include <vector>

namespace ns3::test
{
namespace
{

class DirectorCpuTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }

    Ptr<DirectorCpu> Cpu(uint32_t cpus, uint32_t queue, Time perPacket, Time perByte)
    {
        Ptr<DirectorCpu> cpu = CreateObject<DirectorCpu>();
        cpu->SetAttribute("Cpus", UintegerValue(cpus));
        cpu->SetAttribute("QueueLimit", UintegerValue(queue));
        cpu->SetAttribute("ForwardPacketCost", TimeValue(perPacket));
        cpu->SetAttribute("ForwardByteCost", TimeValue(perByte));
        cpu->SetAttribute("ReplyPacketCost", TimeValue(perPacket * 2));
        return cpu;
    }

    /// Submits a packet at @p at and records when it leaves the CPU.
    void SubmitAt(Ptr<DirectorCpu> cpu, Time at, uint32_t core, CpuWork work, uint32_t bytes)
    {
        Simulator::Schedule(at, &DirectorCpuTest::Submit, this, cpu, core, work, bytes);
    }

    void Submit(Ptr<DirectorCpu> cpu, uint32_t core, CpuWork work, uint32_t bytes)
    {
        if (!cpu->HasRoom(core))
        {
            ++m_refused;
            return;
        }
        cpu->Submit(core, work, bytes, [this]() { m_done.push_back(Simulator::Now()); });
    }

    std::vector<Time> m_done;
    int m_refused = 0;
};

TEST_F(DirectorCpuTest, IsOffWhileEveryCostIsZero)
{
    EXPECT_TRUE(CreateObject<DirectorCpu>()->IsOff());
    EXPECT_FALSE(Cpu(1, 10, MicroSeconds(1), Time(0))->IsOff());
}

TEST_F(DirectorCpuTest, APacketCostsItsPacketAndByteTimes)
{
    Ptr<DirectorCpu> cpu = Cpu(1, 10, MicroSeconds(10), NanoSeconds(2));
    EXPECT_EQ(cpu->CostOf(CpuWork::Forward, 500), MicroSeconds(11));
    EXPECT_EQ(cpu->CostOf(CpuWork::Reply, 500), MicroSeconds(20));
    EXPECT_EQ(cpu->CostOf(CpuWork::Local, 500), Time(0));
}

TEST_F(DirectorCpuTest, OneFlowIsDelayedByExactlyItsCostsInArrivalOrder)
{
    Ptr<DirectorCpu> cpu = Cpu(1, 10, MicroSeconds(10), NanoSeconds(2));
    SubmitAt(cpu, MicroSeconds(5), 0, CpuWork::Forward, 500); // alone: leaves at 5 + 11
    SubmitAt(cpu, MicroSeconds(100), 0, CpuWork::Forward, 0); // 100 + 10
    SubmitAt(cpu, MicroSeconds(101), 0, CpuWork::Reply, 0);   // waits: 110 + 20
    SubmitAt(cpu, MicroSeconds(102), 0, CpuWork::Forward, 0); // then 130 + 10
    Simulator::Run();
    ASSERT_EQ(m_done.size(), 4u);
    EXPECT_EQ(m_done[0], MicroSeconds(16));
    EXPECT_EQ(m_done[1], MicroSeconds(110));
    EXPECT_EQ(m_done[2], MicroSeconds(130));
    EXPECT_EQ(m_done[3], MicroSeconds(140));
    EXPECT_EQ(cpu->GetBusyTime(), MicroSeconds(11 + 10 + 20 + 10));
    EXPECT_EQ(cpu->GetProcessed(), 4u);
    EXPECT_EQ(cpu->GetMaxWaiting(), 2u);
}

TEST_F(DirectorCpuTest, TheInputQueueIsBounded)
{
    // One packet in service and two waiting fill a queue of two: the
    // fourth and fifth find no room.
    Ptr<DirectorCpu> cpu = Cpu(1, 2, MicroSeconds(10), Time(0));
    for (int i = 0; i < 5; ++i)
    {
        SubmitAt(cpu, MicroSeconds(1), 0, CpuWork::Forward, 0);
    }
    SubmitAt(cpu, MicroSeconds(35), 0, CpuWork::Forward, 0); // room again by then
    Simulator::Run();
    EXPECT_EQ(m_refused, 2);
    ASSERT_EQ(m_done.size(), 4u);
    EXPECT_EQ(m_done.back(), MicroSeconds(45));
}

TEST_F(DirectorCpuTest, CpusWorkInParallelAndAFlowKeepsItsCpu)
{
    Ptr<DirectorCpu> cpu = Cpu(4, 10, MicroSeconds(10), Time(0));
    std::set<uint32_t> used;
    for (uint32_t hash = 0; hash < 8; ++hash)
    {
        used.insert(cpu->CpuOf(hash));
        EXPECT_EQ(cpu->CpuOf(hash), cpu->CpuOf(hash + 4));
    }
    EXPECT_EQ(used.size(), 4u);
    for (uint32_t core = 0; core < 4; ++core)
    {
        SubmitAt(cpu, MicroSeconds(0), core, CpuWork::Forward, 0);
    }
    Simulator::Run();
    ASSERT_EQ(m_done.size(), 4u);
    for (Time t : m_done)
    {
        EXPECT_EQ(t, MicroSeconds(10)) << "four CPUs serve four packets at once";
    }
    EXPECT_EQ(cpu->GetBusyTime(), MicroSeconds(40));
}

} // namespace
} // namespace ns3::test
