namespace GuideBuilder.Building;

/// <summary>
/// How far a build has got: the stage it is in and how many of that stage's items are done. The build counts; a
/// display reads it whenever it likes (the counters are read and written atomically, and cost the build nothing else).
/// </summary>
public sealed class BuildProgress
{
    private string _stage = "starting";
    private string _unit = "";
    private int _done;
    private int _total;

    /// <summary>The stage the build is in: load, check, render or write.</summary>
    public string Stage => Volatile.Read(ref _stage);

    /// <summary>What the current stage's items are: guides, files, pages.</summary>
    public string Unit => Volatile.Read(ref _unit);

    /// <summary>Items of the current stage done.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>Items in the current stage.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Starts <paramref name="stage"/>, which has <paramref name="total"/> items (<paramref name="unit"/>).</summary>
    public void Begin(string stage, int total, string unit)
    {
        Volatile.Write(ref _unit, unit);
        Volatile.Write(ref _done, 0);
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _stage, stage);
    }

    /// <summary>One more item of the current stage is done (any thread).</summary>
    public void Step() => Interlocked.Increment(ref _done);
}
