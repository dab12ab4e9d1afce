#include "model/ipvs/ipvs-types.h"

#include <gtest/gtest.h>

namespace ipvs
{
namespace
{

TEST(IpvsTypes, ParsesDottedQuads)
{
    EXPECT_EQ(ParseAddr("10.0.0.1"), Addr(0x0A000001));
    EXPECT_EQ(ParseAddr("255.255.255.255"), Addr(0xffffffff));
    EXPECT_FALSE(ParseAddr("10.0.0"));
    EXPECT_FALSE(ParseAddr("10.0.0.256"));
    EXPECT_FALSE(ParseAddr("10.0.0.01")); // leading zero
    EXPECT_FALSE(ParseAddr("10.0.0.1 "));
    EXPECT_FALSE(ParseAddr(""));
    EXPECT_EQ(AddrPortToString(0xC0A80A0B, 80), "192.168.10.11:80");
}

} // namespace
} // namespace ipvs
