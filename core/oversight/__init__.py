"""Oversight of every body's disclosure work by the city's disclosure office: 主动公开
timeliness, 举报投诉, the year-end 考核 and the 监督检查 run (seed 004's 发布制度, 举报调查制度,
考核制度, 监督检查制度 and 责任追究制度)."""
