using Prosperity.Etl.Domain;
using Prosperity.Etl.Review;

namespace Prosperity.Etl.Host.Output;

/// <summary>
/// The mark a rankings page or report carries for each period: 已发布 (published as release N, when
/// and by whom) or 未发布 (approved figures, not yet published: provisional), and what waits for
/// review and is not counted. The same words as the line <c>prosperity rank</c> prints.
/// </summary>
public static class PublicationMarks
{
    /// <summary>The mark of one period, times in the office's zone.</summary>
    public static string Mark(PeriodPublication publication, OfficeTime office)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(office);
        var offset = publication.LatestRelease is { } r ? office.Local(r.PublishedAt).Offset : office.Zone.BaseUtcOffset;
        return (publication.IsPublished ? "已发布 Published. " : "未发布 Provisional: approved figures, not yet published. ") + publication.Describe(offset);
    }

    /// <summary>The marks of <paramref name="periods"/>, by period code.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(IReviewStore store, IEnumerable<Period> periods, OfficeTime office, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(periods);
        var marks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var period in periods.Distinct())
        {
            marks[period.Code] = Mark(await store.GetPublicationAsync(period, cancellationToken), office);
        }

        return marks;
    }
}
