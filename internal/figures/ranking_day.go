package figures

import "time"

// RankingDay is the as-of day of the ranking for year seen on day today:
// the year's last day for a year gone by, today otherwise. The ranking
// page, its downloads and the API all rank on this day.
func RankingDay(year int, today time.Time) time.Time {
	if year < today.Year() {
		return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return today
}
