using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Core.Tests;

public class PeriodTests
{
    [Theory]
    [InlineData("2025Q3", 2025, 3)]
    [InlineData("2025q1", 2025, 1)]
    [InlineData("2025-Q4", 2025, 4)]
    [InlineData(" 2024Q2 ", 2024, 2)]
    [InlineData("2025年1-3季度", 2025, 3)]
    [InlineData("2025年1季度", 2025, 1)]
    [InlineData("2025年前三季度", 2025, 3)]
    [InlineData("2025年一季度", 2025, 1)]
    [InlineData("2025年第一季度", 2025, 1)]
    [InlineData("2025年上半年", 2025, 2)]
    [InlineData("2025年1-6月", 2025, 2)]
    [InlineData("2025年1-9月", 2025, 3)]
    [InlineData("2025年", 2025, 4)]
    [InlineData("2025年全年", 2025, 4)]
    [InlineData("2025年（全年）", 2025, 4)]
    [InlineData("2025年1-12月", 2025, 4)]
    [InlineData("2025 年 1-12 月", 2025, 4)]
    public void TryParse_ShouldReadYearAndQuarter_WhenWrittenInAnyAcceptedForm(string text, int year, int quarter)
    {
        Assert.True(Period.TryParse(text, out var p));
        Assert.Equal(new Period(year, quarter), p);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025")]
    [InlineData("2025Q5")]
    [InlineData("2025Q0")]
    [InlineData("Q3 2025")]
    [InlineData("1899Q1")]
    [InlineData("2025年1-5季度")]
    [InlineData("2025年四季度")]
    [InlineData("2025年第四季度")]
    [InlineData("2025年第三季度")]
    [InlineData("2025年3季度")]
    [InlineData("2025年1-7月")]
    [InlineData("2025年全省各市")]
    public void TryParse_ShouldFail_WhenTextIsNotAPeriod(string text)
    {
        Assert.False(Period.TryParse(text, out _));
    }

    [Fact]
    public void Labels_ShouldBeTheWordingsBureausPrint_InChineseAndEnglish()
    {
        Assert.Equal("2025年一季度", new Period(2025, 1).LabelZh);
        Assert.Equal("2025年上半年", new Period(2025, 2).LabelZh);
        Assert.Equal("2025年前三季度", new Period(2025, 3).LabelZh);
        Assert.Equal("2025年", new Period(2025, 4).LabelZh);
        Assert.Equal("2025 Q1-Q3", new Period(2025, 3).LabelEn);
        Assert.Equal("2025 Q1", new Period(2025, 1).LabelEn);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TryParse_ShouldReadTheLabelBack_WhenGivenAPeriodsOwnLabel(int quarter)
    {
        var period = new Period(2025, quarter);

        Assert.True(Period.TryParse(period.LabelZh, out var back));
        Assert.Equal(period, back);
    }

    [Theory]
    [InlineData("2025年四季度", "2025年全年")]
    [InlineData("2025年第二季度", "2025年上半年")]
    [InlineData("2025年三季度", "2025年前三季度")]
    public void Read_ShouldSayWhatIsExpected_WhenTheWordingIsASingleQuarter(string text, string expected)
    {
        Assert.Null(PeriodWording.Read(text, whole: true, out var problem));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025年全省各市城乡居民人均可支配收入", 2025, 4)]
    [InlineData("2025年1-6月全省各市居民收入", 2025, 2)]
    [InlineData("2025年上半年各市", 2025, 2)]
    [InlineData("2025年前三季度全省各市", 2025, 3)]
    [InlineData("2025年1-12月", 2025, 4)]
    public void Read_ShouldFindThePeriod_WhenATitleNamesIt(string title, int year, int quarter)
    {
        Assert.Equal(new Period(year, quarter), PeriodWording.Read(title, whole: false, out _));
    }

    [Fact]
    public void Navigation_ShouldCrossYearBoundaries()
    {
        Assert.Equal(new Period(2024, 4), new Period(2025, 1).Previous);
        Assert.Equal(new Period(2024, 3), new Period(2025, 3).SameQuarterLastYear);
        Assert.Equal(new DateOnly(2025, 9, 30), new Period(2025, 3).End);
        Assert.Equal(new DateOnly(2025, 12, 31), new Period(2025, 4).End);
        Assert.Equal(20253, new Period(2025, 3).Key);
        Assert.True(new Period(2024, 4) < new Period(2025, 1));
    }
}
