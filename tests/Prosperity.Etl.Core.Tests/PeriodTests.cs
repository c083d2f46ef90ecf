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
    [InlineData("2025年第三季度", 2025, 3)]
    [InlineData("2025年前三季度", 2025, 3)]
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
    public void TryParse_ShouldFail_WhenTextIsNotAPeriod(string text)
    {
        Assert.False(Period.TryParse(text, out _));
    }

    [Fact]
    public void Labels_ShouldBeYearToDate_InChineseAndEnglish()
    {
        Assert.Equal("2025年1-3季度", new Period(2025, 3).LabelZh);
        Assert.Equal("2025 Q1-Q3", new Period(2025, 3).LabelEn);
        Assert.Equal("2025年1季度", new Period(2025, 1).LabelZh);
        Assert.Equal("2025 Q1", new Period(2025, 1).LabelEn);
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
