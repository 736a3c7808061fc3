CREATE TABLE packaged (id int);
