// A keepalived vrrp_instance (VRRP version 2, keepalived 2.4's default) on
// a Director: advertisements every advert_int to 224.0.0.18 from the
// instance's interface, master election by priority (then by address), a
// backup's master-down timer of 3 x advert_int + (256 - priority)/256 s,
// preemption, nopreempt and preempt_delay as keepalived 2.4 has them, and
// on becoming master the virtual addresses added and announced by
// gratuitous ARP (5 at once, 5 more 5 s later, and the same again when a
// master hears a lower-priority one); on leaving it they are removed at
// once.
//
// keepalived's start: an instance below priority 255 always starts as
// backup; with `state MASTER` its first down timer is one advert_int
// (plus 1/256 s), with `state BACKUP` the full master-down interval.
#ifndef KEEPALIVED_VRRP_INSTANCE_H
#define KEEPALIVED_VRRP_INSTANCE_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

class VrrpInstance : public Application
{
  public:
    enum class State
    {
        Stopped,
        Backup,
        Master,
    };

    static TypeId GetTypeId();
    VrrpInstance();
    ~VrrpInstance() override;

    /// The interface advertisements go out of and come in on, and this
    /// Director's own address there (the election's tie-breaker).
    void SetInterface(Ptr<NetDevice> device, Ipv4Address ownAddress);
    /// A virtual address (virtual_ipaddress) on @p device's interface.
    void AddVirtualAddress(Ptr<NetDevice> device, Ipv4Address address, Ipv4Mask mask);

    State GetState() const
    {
        return m_state;
    }

    /// The node dies: no more advertisements, timers or answers.  Its
    /// addresses stay where they are (its network cards are dead).
    void Crash();
    /// The node is back: keepalived starts again, as a backup, without the
    /// virtual addresses.
    void Restart();

    static std::string StateName(State state);

    /// Signature of the StateChanged trace source.
    typedef void (*StateTracedCallback)(State from, State to);

  protected:
    void DoDispose() override;

  private:
    struct VirtualAddress
    {
        Ptr<NetDevice> device;
        Ipv4InterfaceAddress address;
    };

    void StartApplication() override;
    void StopApplication() override;

    void EnterBackup(Time downTimer);
    void BecomeMaster();
    void LeaveMaster();
    void SendAdvertisement(uint8_t priority);
    void ScheduleAdvertisement();
    void HandleRead(Ptr<Socket> socket);
    void OnAdvertisement(Ipv4Address source, uint8_t priority);
    void SendGratuitousArps();
    void SetAddresses(bool present);
    void KeepSubnetRoute(Ptr<Ipv4> ipv4, uint32_t interface, Ipv4InterfaceAddress removed);
    void ChangeState(State to);
    Time MasterDownInterval() const;
    /// The first down timer of a (re)starting instance.
    Time StartDownTimer() const;
    Time Skew() const;

    uint8_t m_vrid = 51;
    uint8_t m_priority = 100;
    Time m_advertInterval;
    bool m_wantMaster = false;
    bool m_startAsMaster = false;
    bool m_nopreempt = false;
    Time m_preemptDelay;
    uint32_t m_garpRepeat = 5;
    Time m_garpMasterDelay;

    Ptr<NetDevice> m_device;
    Ipv4Address m_ownAddress;
    std::vector<VirtualAddress> m_addresses;
    Ptr<Socket> m_socket;
    State m_state = State::Stopped;
    EventId m_downTimer;
    EventId m_advertTimer;
    EventId m_garpTimer;
    Time m_preemptAt; ///< preempt_delay's deadline (zero: unset)
    bool m_preemptArmed = false;
    TracedCallback<State, State> m_stateTrace;
};

} // namespace ns3

#endif
